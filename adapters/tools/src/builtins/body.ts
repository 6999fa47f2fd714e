/** Decodes a response body for an agent: JSON parsed, text as text, anything else base64. */
export function decodeBody(
  body: Buffer,
  contentType: string | undefined,
): { body: unknown; encoding: 'json' | 'text' | 'base64' } {
  const type = (contentType ?? '').toLowerCase();
  if (/\bjson\b/.test(type)) {
    const text = body.toString('utf8');
    try {
      return { body: text.length === 0 ? null : JSON.parse(text), encoding: 'json' };
    } catch {
      return { body: text, encoding: 'text' };
    }
  }
  if (type.startsWith('text/') || /xml|javascript|x-www-form-urlencoded/.test(type) || isUtf8Text(body)) {
    return { body: body.toString('utf8'), encoding: 'text' };
  }
  return { body: body.toString('base64'), encoding: 'base64' };
}

function isUtf8Text(body: Buffer): boolean {
  if (body.length === 0) return true;
  const sample = body.subarray(0, 4096);
  if (sample.includes(0)) return false;
  return !sample.toString('utf8').includes('\uFFFD');
}
