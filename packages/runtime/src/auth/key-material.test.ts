import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ENCRYPTION_KEY_FILE, JWT_SECRET_FILE, keyIdOf, loadKeyMaterial } from './key-material.js';
import { createSecretBox } from './secret-box.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'af-keys-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('key material', () => {
  it('generates key files (mode 0600) on first start and reads the same keys afterwards', () => {
    const dataDir = tempDir();
    const first = loadKeyMaterial({ dataDir });
    expect(first.sources).toEqual({ encryption: 'file', jwt: 'file' });
    for (const file of [ENCRYPTION_KEY_FILE, JWT_SECRET_FILE]) {
      expect(statSync(join(dataDir, file)).mode & 0o777).toBe(0o600);
    }
    expect(
      Buffer.from(readFileSync(join(dataDir, ENCRYPTION_KEY_FILE), 'utf8').trim(), 'base64'),
    ).toHaveLength(32);
    const again = loadKeyMaterial({ dataDir });
    expect(again.currentKeyId).toBe(first.currentKeyId);
    expect(Buffer.from(again.jwtSecret).equals(Buffer.from(first.jwtSecret))).toBe(true);
  });

  it('prefers the environment, and never echoes a bad key in its error', () => {
    const key = randomBytes(32);
    const fromEnv = loadKeyMaterial({
      configured: { encryptionKey: key.toString('base64'), jwtSecret: 'j'.repeat(40) },
      dataDir: tempDir(),
    });
    expect(fromEnv.sources).toEqual({ encryption: 'env', jwt: 'env' });
    expect(fromEnv.currentKeyId).toBe(keyIdOf(key));
    const bad = 'c2hvcnQta2V5LXZhbHVlLXNlY3JldA==';
    let message = '';
    try {
      loadKeyMaterial({ configured: { encryptionKey: bad }, ephemeral: true });
    } catch (error) {
      message = JSON.stringify({ m: (error as Error).message, e: error });
    }
    expect(message).toContain('AGENTFLOW_ENCRYPTION_KEY must be 32 bytes');
    expect(message).not.toContain(bad);
    expect(() => loadKeyMaterial({ configured: { jwtSecret: 'short' }, ephemeral: true })).toThrow(
      /at least 32 bytes/,
    );
  });

  it('gives in-memory runtimes random keys and writes nothing', () => {
    const a = loadKeyMaterial({ ephemeral: true });
    const b = loadKeyMaterial({ ephemeral: true });
    expect(a.sources).toEqual({ encryption: 'ephemeral', jwt: 'ephemeral' });
    expect(a.currentKeyId).not.toBe(b.currentKeyId);
  });
});

describe('secret box (AES-256-GCM)', () => {
  const keys = loadKeyMaterial({ ephemeral: true });
  const box = createSecretBox(keys);

  it('seals with a fresh 12-byte IV and 16-byte tag, and opens with the same context', () => {
    const a = box.seal('sk-secret', 'ws1:openai');
    const b = box.seal('sk-secret', 'ws1:openai');
    expect(a.iv).toHaveLength(12);
    expect(a.authTag).toHaveLength(16);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.toString('utf8')).not.toContain('sk-secret');
    expect(a.keyId).toBe(keys.currentKeyId);
    expect(box.open(a, 'ws1:openai')).toBe('sk-secret');
  });

  it('refuses tampered ciphertext, tags and values moved to another row or workspace', () => {
    const sealed = box.seal('sk-secret', 'ws1:openai');
    const flipped = Buffer.from(sealed.ciphertext);
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open({ ...sealed, ciphertext: flipped }, 'ws1:openai')).toThrow(/integrity/);
    expect(() => box.open({ ...sealed, authTag: sealed.authTag.subarray(0, 8) }, 'ws1:openai')).toThrow(
      /integrity/,
    );
    expect(() => box.open(sealed, 'ws2:openai')).toThrow(/integrity/);
  });

  it('opens values sealed under a previous key after rotation, and seals new ones under the new key', () => {
    const oldKey = randomBytes(32);
    const oldBox = createSecretBox(
      loadKeyMaterial({ configured: { encryptionKey: oldKey.toString('base64') } }),
    );
    const sealed = oldBox.seal('legacy', 'ctx');
    const rotated = loadKeyMaterial({
      configured: {
        encryptionKey: randomBytes(32).toString('base64'),
        encryptionKeysPrevious: [oldKey.toString('base64')],
      },
    });
    const newBox = createSecretBox(rotated);
    expect(newBox.open(sealed, 'ctx')).toBe('legacy');
    expect(newBox.seal('fresh', 'ctx').keyId).toBe(rotated.currentKeyId);
    const withoutOld = createSecretBox(loadKeyMaterial({ ephemeral: true }));
    expect(() => withoutOld.open(sealed, 'ctx')).toThrow(/AGENTFLOW_ENCRYPTION_KEYS_PREVIOUS/);
  });
});
