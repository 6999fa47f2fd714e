/**
 * Drops the rest of a refused request body without handing it to JavaScript.
 *
 * Why: a body the JSON pre-scan refuses early (json-body.ts) is answered at once, but its rest must still be read
 * to its end, so that a client still sending gets the answer on a connection that stays open. Read as a stream,
 * each chunk is a new Buffer that Node's HTTP parser copies out of its socket buffer: 1.27 MB of short-lived
 * external memory per refused 40,000-agent workflow, which made V8 collect garbage every ~25 refusals (the p95
 * of a refusal's CPU, ARCHITECTURE.md §12). The parser copies a body chunk only to pass it to its body callback
 * (`parser[HTTPParser.kOnBody]`, `on_body` in Node's node_http_parser.cc: no function there, no copy and no
 * call); the bytes are still read from the socket and counted by the parser against the Content-Length. So, for
 * the rest of this one message, the callback is unset. It is put back when the message ends (before the parser
 * reads a request pipelined behind it) or when the socket closes (the parser then returns to Node's pool, shared
 * by later connections).
 *
 * This leans on Node internals (the `_http_common` module's HTTPParser slots, `socket.parser`), kept to this
 * module: when they are not there as expected (another Node version, a fake socket as light-my-request's),
 * `discardRestOfBody` returns false and the caller reads the rest as a stream.
 */
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';

type Callback = (this: unknown, ...args: unknown[]) => unknown;
type ParserSlots = Record<number, unknown>;

const slots = ((): { body: number; complete: number } | undefined => {
  try {
    const { HTTPParser } = createRequire(import.meta.url)('_http_common') as {
      HTTPParser?: { kOnBody?: unknown; kOnMessageComplete?: unknown };
    };
    const body = HTTPParser?.kOnBody;
    const complete = HTTPParser?.kOnMessageComplete;
    return typeof body === 'number' && typeof complete === 'number' ? { body, complete } : undefined;
  } catch {
    return undefined;
  }
})();

/**
 * Makes the HTTP parser skip the rest of `message`'s body (read and dropped, never copied into Buffers); its
 * `end` still comes once the body has been read. The caller must have checked that the body has a Content-Length
 * within its limit (the parser stops there). Returns false, changing nothing, when that is not possible: the
 * message is complete already, or the parser is not Node's as expected.
 */
export function discardRestOfBody(message: IncomingMessage): boolean {
  if (!slots || message.complete) return false;
  const socket = message.socket as (IncomingMessage['socket'] & { parser?: unknown }) | null;
  const parser = socket?.parser as ParserSlots | null | undefined;
  if (!socket || typeof parser !== 'object' || parser === null) return false;
  const onBody = parser[slots.body];
  const onComplete = parser[slots.complete];
  if (typeof onBody !== 'function' || typeof onComplete !== 'function') return false;
  const { body, complete } = slots;
  const restore = () => {
    socket.removeListener('close', restore);
    if (parser[body] === undefined) parser[body] = onBody;
    if (parser[complete] === messageComplete) parser[complete] = onComplete;
  };
  function messageComplete(this: unknown, ...args: unknown[]): unknown {
    restore();
    return (onComplete as Callback).apply(this, args);
  }
  parser[body] = undefined;
  parser[complete] = messageComplete;
  socket.once('close', restore);
  return true;
}
