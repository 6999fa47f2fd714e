/**
 * Cookies for clients without a browser's cookie store (Node scripts signing in with email and password): the
 * session cookies the server sets are kept in memory and sent back. Browsers keep their own (never this).
 */
export interface CookieStore {
  /** The `Cookie` header value, or undefined when empty. */
  header(): string | undefined;
  /** Reads the response's `Set-Cookie` headers (an empty value or `Max-Age=0` deletes). */
  update(response: Response): void;
  get(name: string): string | undefined;
}

export function createMemoryCookies(): CookieStore {
  const jar = new Map<string, string>();
  return {
    header: () => (jar.size === 0 ? undefined : [...jar].map(([k, v]) => `${k}=${v}`).join('; ')),
    get: (name) => jar.get(name),
    update(response) {
      const lines =
        typeof response.headers.getSetCookie === 'function'
          ? response.headers.getSetCookie()
          : (response.headers.get('set-cookie')?.split(/,(?=\s*[A-Za-z0-9_]+=)/) ?? []);
      for (const line of lines) {
        const [pair = '', ...attributes] = line.split(';');
        const eq = pair.indexOf('=');
        if (eq <= 0) continue;
        const name = pair.slice(0, eq).trim();
        const value = pair.slice(eq + 1).trim();
        const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
        if (value === '' || expired) jar.delete(name);
        else jar.set(name, value);
      }
    },
  };
}

/** The value of cookie `name` in `document.cookie`, in a browser; undefined elsewhere. */
export function documentCookie(name: string): string | undefined {
  const doc = (globalThis as { document?: { cookie?: string } }).document;
  if (!doc || typeof doc.cookie !== 'string') return undefined;
  for (const part of doc.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
