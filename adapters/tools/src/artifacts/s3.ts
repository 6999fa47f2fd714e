import type { GetObjectCommandOutput, S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { loadS3 } from '../lazy-deps.js';
import { guessType } from './local.js';
import {
  type ArtifactInfo,
  type ArtifactLimits,
  type ArtifactStore,
  artifactNotFound,
  artifactTooLarge,
  checkArtifactName,
  checkedArtifactBytes,
  checkScope,
  DEFAULT_ARTIFACT_LIMITS,
} from './types.js';

export interface S3ArtifactStoreOptions extends ArtifactLimits {
  bucket: string;
  /** Key prefix before `{workspace}/{workflow}/{execution}/`, e.g. `artifacts/`. (Default: none) */
  prefix?: string;
  /** A client, or the config to make one (endpoint, region, credentials, forcePathStyle for MinIO and the like). */
  client: S3Client | S3ClientConfig;
}

/**
 * Artifacts in S3-compatible storage (AWS SDK v3) under `{prefix}{workspace}/{workflow}/{execution}/{name}`, with
 * the same name rules and size limits as the local store.
 */
export function createS3ArtifactStore(options: S3ArtifactStoreOptions): ArtifactStore & {
  /** Releases the client's sockets when the store made the client (a client you pass stays yours). */
  close(): void;
} {
  const limits = {
    maxFileBytes: options.maxFileBytes ?? DEFAULT_ARTIFACT_LIMITS.maxFileBytes,
    maxExecutionBytes: options.maxExecutionBytes ?? DEFAULT_ARTIFACT_LIMITS.maxExecutionBytes,
    maxFiles: options.maxFiles ?? DEFAULT_ARTIFACT_LIMITS.maxFiles,
  };
  const { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } =
    loadS3();
  const owned = !(options.client instanceof S3Client);
  const client = options.client instanceof S3Client ? options.client : new S3Client(options.client);
  const Bucket = options.bucket;
  const prefix = options.prefix ?? '';
  const base = (scope: Parameters<ArtifactStore['list']>[0]) => `${prefix}${checkScope(scope).join('/')}/`;

  const store: ArtifactStore = {
    async put(scope, name, data, putOptions = {}) {
      const key = base(scope) + checkArtifactName(name).join('/');
      const bytes = await checkedArtifactBytes(store.list(scope), name, data, limits);
      const contentType = putOptions.contentType ?? guessType(name);
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: key,
          Body: bytes,
          ContentType: contentType,
          ContentLength: bytes.length,
        }),
      );
      return { name, size: bytes.length, contentType };
    },

    async get(scope, name) {
      const key = base(scope) + checkArtifactName(name).join('/');
      let object: GetObjectCommandOutput;
      try {
        object = await client.send(new GetObjectCommand({ Bucket, Key: key }));
      } catch (error) {
        if (isNotFound(error)) throw artifactNotFound(name);
        throw error;
      }
      if ((object.ContentLength ?? 0) > limits.maxFileBytes) {
        (object.Body as { destroy?: () => void } | undefined)?.destroy?.();
        throw artifactTooLarge(`artifact ${name} is larger than ${limits.maxFileBytes} bytes`);
      }
      const data = Buffer.from((await object.Body?.transformToByteArray()) ?? new Uint8Array());
      const info: ArtifactInfo = {
        name,
        size: data.length,
        contentType: object.ContentType ?? guessType(name),
      };
      if (object.LastModified) info.modifiedAt = object.LastModified.toISOString();
      return { data, info };
    },

    async list(scope) {
      const start = base(scope);
      const out: ArtifactInfo[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket, Prefix: start, ContinuationToken: token, MaxKeys: 1000 }),
        );
        for (const object of page.Contents ?? []) {
          if (!object.Key) continue;
          const info: ArtifactInfo = {
            name: object.Key.slice(start.length),
            size: object.Size ?? 0,
            contentType: guessType(object.Key),
          };
          if (object.LastModified) info.modifiedAt = object.LastModified.toISOString();
          out.push(info);
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token && out.length < limits.maxFiles * 2);
      return out.sort((a, b) => a.name.localeCompare(b.name));
    },

    async delete(scope, name) {
      const key = base(scope) + checkArtifactName(name).join('/');
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
  };
  return {
    ...store,
    close() {
      if (owned) client.destroy();
    },
  };
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}
