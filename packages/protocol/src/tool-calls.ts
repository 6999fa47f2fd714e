/**
 * What a step keeps of its tool calls (`StepRecord.toolCalls`): arguments and results as the tool saw and gave
 * them, except credentials and size. Values under credential-like keys (`authorization`, `cookie`, `password`,
 * `apiKey`, `token`, ...: the headers webhooks never pass on, and their usual spellings in JSON) are replaced by
 * `REDACTED`; a value whose JSON is longer than `valueChars` is replaced by `{truncated, chars, preview}`.
 */

/** Bounds of the stored tool calls. */
export interface ToolCallLimits {
  /** Calls kept per step; later ones are counted in the step's log, not stored. (Default: 100) */
  stepCalls: number;
  /** JSON characters kept of one call's arguments or result. (Default: 16,384) */
  valueChars: number;
  /** Characters of a cut value's JSON kept as its preview. (Default: 2,000) */
  previewChars: number;
}

export const TOOL_CALL_LIMITS: Readonly<ToolCallLimits> = Object.freeze({
  stepCalls: 100,
  valueChars: 16_384,
  previewChars: 2000,
});

export const REDACTED = '[redacted]';

/** Object keys whose values are credentials (compared lower-cased with `-` and `_` removed). */
const SECRET_KEYS = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'xapikey',
  'apikey',
  'xgoogapikey',
  'apitoken',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'token',
  'bearer',
  'password',
  'passwd',
  'secret',
  'clientsecret',
  'privatekey',
  'xhubsignature',
  'xhubsignature256',
  'stripesignature',
]);
const MAX_DEPTH = 32;

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''));
}

/** A copy of `value` with the values of credential-like keys replaced by `REDACTED` (JSON values only). */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] =
      isSecretKey(k) && v !== null && v !== undefined && v !== '' ? REDACTED : redactSecrets(v, depth + 1);
  }
  return out;
}

/** `value` as stored with a tool call: redacted, and cut when its JSON is longer than the limit. */
export function storedToolValue(value: unknown, limits: ToolCallLimits = TOOL_CALL_LIMITS): unknown {
  if (value === undefined) return undefined;
  const redacted = redactSecrets(value);
  let json: string | undefined;
  try {
    json = JSON.stringify(redacted);
  } catch {
    return { truncated: true, chars: 0, preview: '[not JSON]' };
  }
  if (json === undefined || json.length <= limits.valueChars) return redacted;
  return { truncated: true, chars: json.length, preview: json.slice(0, limits.previewChars) };
}
