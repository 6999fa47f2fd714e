import { z } from 'zod';

/** Max length of a stored URL. (2048, what browsers and proxies reliably accept) */
export const HTTP_URL_MAX_LENGTH = 2048;

/** Why `value` is not an acceptable stored URL, or undefined when it is. */
export function httpUrlProblem(value: string): string | undefined {
  if (value.length > HTTP_URL_MAX_LENGTH) return `must be at most ${HTTP_URL_MAX_LENGTH} characters`;
  // No whitespace or control characters anywhere: `java\tscript:` and friends are what browsers forgive.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (/[\s\u0000-\u001f\u007f]/.test(value)) return 'must not contain whitespace or control characters';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `must be an http(s) URL (the ${url.protocol} scheme is refused)`;
  }
  if (url.username !== '' || url.password !== '') return 'must not carry credentials (user:password@)';
  if (url.hostname === '') return 'must name a host';
  return undefined;
}

/**
 * The one schema of every URL AgentFlow stores and may later show or call (template icons, model base URLs,
 * webhook targets...): an absolute `http:` or `https:` URL, at most 2048 characters, without credentials,
 * whitespace or control characters. `javascript:`, `data:`, `file:`, `vbscript:` and every other scheme are
 * refused, so a stored URL can never run script in a browser that renders it as a link or image.
 */
export const httpUrl = z
  .string()
  .max(HTTP_URL_MAX_LENGTH)
  .superRefine((value, ctx) => {
    if (value.length > HTTP_URL_MAX_LENGTH) return; // reported by max()
    const problem = httpUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ format: 'uri', description: 'An http(s) URL (no credentials; at most 2048 characters)' });
