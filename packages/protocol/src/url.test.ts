import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { httpUrl } from './url.js';

describe('httpUrl', () => {
  it('accepts absolute http(s) URLs', () => {
    for (const url of [
      'https://cdn.example/icon.png',
      'http://127.0.0.1:11434',
      'https://api.example/v1?x=1#y',
      'HTTPS://EXAMPLE.COM/',
    ]) {
      expect(httpUrl.safeParse(url).success, url).toBe(true);
    }
  });

  it('refuses other schemes, credentials, whitespace, relative and over-long URLs', () => {
    for (const url of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'javascript://%0aalert(1)',
      'data:image/svg+xml,<svg onload=alert(1)>',
      'file:///etc/passwd',
      'vbscript:msgbox(1)',
      'ftp://files.example/x',
      'blob:https://example.com/uuid',
      ' https://example.com',
      'https://example.com/\n',
      'java\u0000script:alert(1)',
      'https://user:pw@example.com',
      'https://user@example.com',
      '/relative/icon.png',
      '//example.com/icon.png',
      '',
      `https://example.com/${'a'.repeat(2048)}`,
    ]) {
      expect(httpUrl.safeParse(url).success, JSON.stringify(url)).toBe(false);
    }
  });

  it('reports the path of the field inside a larger schema', () => {
    const result = z
      .object({ icon: z.object({ url: httpUrl }) })
      .safeParse({ icon: { url: 'javascript:x' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toEqual([['icon', 'url']]);
    expect(result.error?.issues[0]?.message).toContain('javascript:');
  });
});
