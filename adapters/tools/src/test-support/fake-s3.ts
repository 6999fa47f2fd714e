import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { type RecordedRequest, startTestServer, type TestServer } from './http-server.js';

interface StoredObject {
  body: Buffer;
  contentType: string;
  modified: Date;
}

export interface FakeS3 extends TestServer {
  objects: Map<string, StoredObject>;
}

/**
 * A minimal S3-compatible endpoint on 127.0.0.1 (path-style): PutObject, GetObject, HeadObject, DeleteObject and
 * ListObjectsV2 with prefix and pagination, answering in S3's XML. It checks that requests are SigV4-signed
 * (the header's shape), not the signature itself.
 */
export async function startFakeS3(bucket: string, pageSize = 1000): Promise<FakeS3> {
  const objects = new Map<string, StoredObject>();
  const server = await startTestServer((req, res) => {
    const url = new URL(req.url, 'http://s3.local');
    const [, first, ...rest] = url.pathname.split('/');
    if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
      return error(res, 403, 'AccessDenied', 'missing SigV4 authorization');
    }
    if (first !== bucket) return error(res, 404, 'NoSuchBucket', 'no such bucket');
    const key = rest.map(decodeURIComponent).join('/');
    if (!key && req.method === 'GET' && url.searchParams.get('list-type') === '2') {
      return list(res, url.searchParams);
    }
    if (!key) return error(res, 400, 'InvalidRequest', 'unsupported bucket operation');
    if (req.method === 'PUT') {
      const body = decodeBody(req);
      objects.set(key, {
        body,
        contentType: String(req.headers['content-type'] ?? 'application/octet-stream'),
        modified: new Date(),
      });
      res.writeHead(200, { etag: etag(body) });
      return void res.end();
    }
    const object = objects.get(key);
    if (req.method === 'DELETE') {
      objects.delete(key);
      res.writeHead(204);
      return void res.end();
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (!object) return error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
      res.writeHead(200, {
        'content-type': object.contentType,
        'content-length': object.body.length,
        'last-modified': object.modified.toUTCString(),
        etag: etag(object.body),
      });
      return void res.end(req.method === 'HEAD' ? undefined : object.body);
    }
    return error(res, 405, 'MethodNotAllowed', 'method not allowed');
  });

  function list(res: ServerResponse, params: URLSearchParams) {
    const prefix = params.get('prefix') ?? '';
    const max = Math.min(pageSize, Number(params.get('max-keys') ?? 1000));
    const after = params.get('continuation-token') ?? '';
    const keys = [...objects.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
    const page = keys.slice(0, max);
    const truncated = keys.length > page.length;
    const contents = page
      .map((k) => {
        const o = objects.get(k)!;
        return `<Contents><Key>${xml(k)}</Key><LastModified>${o.modified.toISOString()}</LastModified><ETag>${xml(etag(o.body))}</ETag><Size>${o.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
      })
      .join('');
    res.writeHead(200, { 'content-type': 'application/xml' });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${bucket}</Name><Prefix>${xml(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${max}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${truncated ? `<NextContinuationToken>${xml(page.at(-1) ?? '')}</NextContinuationToken>` : ''}${contents}</ListBucketResult>`,
    );
  }

  return Object.assign(server, { objects });
}

/** Undoes `aws-chunked` content encoding (signed or unsigned chunks, optional trailers) when the SDK uses it. */
function decodeBody(req: RecordedRequest): Buffer {
  const sha = String(req.headers['x-amz-content-sha256'] ?? '');
  const encoding = String(req.headers['content-encoding'] ?? '');
  if (!sha.startsWith('STREAMING-') && !encoding.includes('aws-chunked')) return req.body;
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = req.body.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = Number.parseInt(req.body.subarray(offset, lineEnd).toString().split(';')[0] ?? '0', 16);
    if (!size) break;
    parts.push(req.body.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

function error(res: ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${xml(message)}</Message></Error>`,
  );
}

function etag(body: Buffer): string {
  return `"${createHash('md5').update(body).digest('hex')}"`;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
