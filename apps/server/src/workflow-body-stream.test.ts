/**
 * Limits before work (issue 12 item 4), over real HTTP: an oversized workflow body (30,000 agents, 0.95 MB, under
 * the 1 MiB body limit) is refused by the streaming pre-scan at the chunk holding the 501st agent, answered while the client is still
 * sending (the rest is never decoded or parsed), on a connection that stays usable; ordinary workflows still save.
 * The server's CPU per refused body is measured in bench/suites/limits-before-work.ts.
 */
import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, useTestServer } from './test-support/fixtures.js';

const t = useTestServer();
let port = 0;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
beforeAll(async () => {
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  port = (t.app.server.address() as AddressInfo).port;
});
afterAll(() => agent.destroy());

const agents = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `a${i}`, type: 'output' }));

interface Answer {
  status: number;
  body: { error?: { code: string; issues?: { path: string; code: string }[] }; id?: string };
  socket: unknown;
}

function read(res: IncomingMessage): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    res.on('data', (c: Buffer) => parts.push(c));
    res.on('error', reject);
    res.on('end', () =>
      resolve({
        status: res.statusCode ?? 0,
        body: JSON.parse(Buffer.concat(parts).toString('utf8')),
        socket: res.socket,
      }),
    );
  });
}

/**
 * Sends `head` of the body, then waits for the answer before sending `tail` (if the server waited for the whole
 * body, no answer would come: `answeredEarly` is then false and the rest is sent after 5 s).
 */
async function sendInTwo(method: string, path: string, head: Buffer, tail: Buffer) {
  let answeredEarly = false;
  const answer = await new Promise<Answer>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          ...bearer('member'),
          'content-type': 'application/json',
          'content-length': head.length + tail.length,
        },
      },
      (res) => {
        answeredEarly = !req.writableEnded;
        req.end(tail);
        read(res).then(resolve, reject);
      },
    );
    req.on('error', reject);
    req.write(head);
    setTimeout(() => {
      if (!req.writableEnded) req.end(tail);
    }, 5000);
  });
  return { ...answer, answeredEarly };
}

function send(method: string, path: string, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: { ...bearer('member'), 'content-type': 'application/json' },
      },
      (res) => read(res).then(resolve, reject),
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('oversized workflow bodies are refused as they stream in', () => {
  const big = Buffer.from(JSON.stringify({ name: 'big', agents: agents(30_000) }));
  // The first 64 KiB hold ~2,000 agents: past the limit of 500, so the scan refuses within them.
  const head = big.subarray(0, 64 * 1024);
  const tail = big.subarray(64 * 1024);

  it('answers 400 AF_LIMIT_EXCEEDED at `agents` before the client has sent the rest, on create, validate and update', async () => {
    expect(big.length).toBeGreaterThan(900_000);
    expect(big.length).toBeLessThanOrEqual(t.runtime.config.maxBodyBytes);
    for (const [method, path] of [
      ['POST', '/api/v1/workflows'],
      ['POST', '/api/v1/workflows/validate'],
      ['PUT', '/api/v1/workflows/wf-none'],
    ] as const) {
      const answer = await sendInTwo(method, path, head, tail);
      expect(answer.status, `${method} ${path}`).toBe(400);
      expect(answer.body.error?.code).toBe('AF_VALIDATION');
      expect(answer.body.error?.issues).toEqual([
        { path: 'agents', code: 'AF_LIMIT_EXCEEDED', message: 'more than 500 agents' },
      ]);
      expect(answer.answeredEarly, `${method} ${path} answered before the body's end`).toBe(true);
    }
  });

  it('keeps the connection usable: the next request on the same socket saves a workflow', async () => {
    const refused = await sendInTwo('POST', '/api/v1/workflows', head, tail);
    expect(refused.status).toBe(400);
    const saved = await send(
      'POST',
      '/api/v1/workflows',
      JSON.stringify({
        name: 'ordinary',
        agents: [
          { id: 'in', type: 'input' },
          { id: 'out', type: 'output' },
        ],
        connections: [{ id: 'c', sourceAgentId: 'in', targetAgentId: 'out' }],
      }),
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.socket).toBe(refused.socket);
    // 500 agents, sent in chunks of every size the socket makes: at the limit, accepted.
    const atLimit = await send(
      'POST',
      '/api/v1/workflows/validate',
      JSON.stringify({ name: 'ok', agents: agents(500) }),
    );
    expect(atLimit.status).toBe(200);
    expect(JSON.stringify(atLimit.body)).not.toContain('AF_LIMIT_EXCEEDED');
  });

  it('reads a request pipelined behind a refused body, sent in the same write, whole', async () => {
    const next = JSON.stringify({ name: 'next', agents: agents(3) });
    const socket = connect(port, '127.0.0.1');
    const answers = readAnswers(socket, 2);
    socket.write(
      Buffer.concat([
        Buffer.from(requestHead('POST', '/api/v1/workflows', big.length)),
        big,
        Buffer.from(requestHead('POST', '/api/v1/workflows/validate', Buffer.byteLength(next)) + next),
      ]),
    );
    const [refused, validated] = await answers;
    socket.destroy();
    expect(refused?.status).toBe(400);
    expect(refused?.body.error?.issues?.[0]?.code).toBe('AF_LIMIT_EXCEEDED');
    expect(validated?.status, JSON.stringify(validated?.body)).toBe(200);
    expect(validated?.body).toMatchObject({ ok: true });
  });

  it('leaves later connections whole when one closes while its refused body is dropped', async () => {
    const closed = new Promise<void>((resolve) =>
      t.app.server.once('connection', (s: Socket) => s.once('close', () => resolve())),
    );
    const socket = connect(port, '127.0.0.1');
    const answers = readAnswers(socket, 1);
    socket.write(Buffer.concat([Buffer.from(requestHead('POST', '/api/v1/workflows', big.length)), head]));
    expect((await answers)[0]?.status).toBe(400);
    socket.destroy();
    await closed;
    // The closed connection's HTTP parser is reused by the next ones: their bodies still arrive.
    for (let i = 0; i < 3; i++) {
      const fresh = new Agent({ keepAlive: false });
      const saved = await new Promise<Answer>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/api/v1/workflows/validate',
            agent: fresh,
            headers: { ...bearer('member'), 'content-type': 'application/json' },
          },
          (res) => read(res).then(resolve, reject),
        );
        req.on('error', reject);
        req.end(JSON.stringify({ name: `fresh ${i}`, agents: agents(2) }));
      });
      fresh.destroy();
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    }
  });

  it('refuses a chunked body (no Content-Length) early too, and the connection stays usable', async () => {
    const refused = await new Promise<Answer>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/workflows',
          agent,
          headers: { ...bearer('member'), 'content-type': 'application/json' },
        },
        (res) => {
          req.end(tail);
          read(res).then(resolve, reject);
        },
      );
      req.on('error', reject);
      req.write(head);
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.issues?.[0]?.code).toBe('AF_LIMIT_EXCEEDED');
    const next = await send(
      'POST',
      '/api/v1/workflows/validate',
      JSON.stringify({ name: 'n', agents: agents(1) }),
    );
    expect(next.status).toBe(200);
    expect(next.socket).toBe(refused.socket);
  });

  it('refuses a deep body with the path of the container, over HTTP', async () => {
    const deep = await send('POST', '/api/v1/workflows', `{"name":"d","agents":[${'['.repeat(100)}`);
    expect(deep.status).toBe(400);
    expect(deep.body.error?.code).toBe('AF_INPUT_TOO_DEEP');
    expect(deep.body.error?.issues?.[0]?.path).toBe(`agents${'[0]'.repeat(63)}`);
  });
});

/** A request's head, as a client on a raw socket sends it. */
function requestHead(method: string, path: string, length: number): string {
  return (
    `${method} ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: ${bearer('member').authorization}\r\n` +
    `content-type: application/json\r\ncontent-length: ${length}\r\n\r\n`
  );
}

/** The first `count` responses read from a raw socket (each with a Content-Length, as the server's are). */
function readAnswers(socket: Socket, count: number): Promise<Omit<Answer, 'socket'>[]> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const answers: Omit<Answer, 'socket'>[] = [];
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        const headText = buffered.subarray(0, end).toString('latin1');
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(headText)?.[1] ?? 0);
        if (buffered.length < end + 4 + length) return;
        const body = buffered.subarray(end + 4, end + 4 + length).toString('utf8');
        buffered = buffered.subarray(end + 4 + length);
        answers.push({ status: Number(headText.split(' ')[1]), body: JSON.parse(body) });
        if (answers.length === count) resolve(answers);
      }
    });
  });
}
