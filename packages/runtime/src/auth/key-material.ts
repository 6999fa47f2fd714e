/**
 * Key material kept outside the database: the AES-256 key(s) that seal credentials and the HMAC secret that
 * signs access tokens.
 *
 * - `AGENTFLOW_ENCRYPTION_KEY` (base64 of 32 bytes) and `AGENTFLOW_JWT_SECRET` (at least 32 bytes) win;
 * - otherwise `<dataDir>/secret.key` and `<dataDir>/jwt.key` are read, or generated on first start (mode 0600,
 *   created atomically: two processes starting together end up with the same key);
 * - in-memory runtimes (tests) get random keys that live as long as the process;
 * - with `keyFiles: false` (the CLI on PostgreSQL, whose processes share no data directory) no file is read or
 *   written: a missing `AGENTFLOW_ENCRYPTION_KEY` is an error naming it, and a missing `AGENTFLOW_JWT_SECRET` gives
 *   a random secret for this process only.
 *
 * Rotation: put the new key in `AGENTFLOW_ENCRYPTION_KEY` and the old ones, comma-separated, in
 * `AGENTFLOW_ENCRYPTION_KEYS_PREVIOUS`. Every sealed value records the id of its key (derived from the key), so
 * old values still open; `credentials.reencrypt()` moves them to the current key.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgentFlowError } from '@agentflow/protocol';

export const ENCRYPTION_KEY_FILE = 'secret.key';
export const JWT_SECRET_FILE = 'jwt.key';

export type KeySource = 'env' | 'file' | 'ephemeral';

export interface KeyMaterial {
  /** AES-256 keys by key id; new values are sealed with `currentKeyId`. */
  readonly encryptionKeys: ReadonlyMap<string, Buffer>;
  readonly currentKeyId: string;
  /** HS256 secret for access tokens. */
  readonly jwtSecret: Uint8Array;
  readonly sources: { encryption: KeySource; jwt: KeySource };
}

/** The keys an operator configured (`RuntimeConfig`'s, from `AGENTFLOW_ENCRYPTION_KEY`...). */
export interface ConfiguredKeys {
  /** `AGENTFLOW_ENCRYPTION_KEY`: 32 bytes, base64 or hex. */
  encryptionKey?: string;
  /** `AGENTFLOW_ENCRYPTION_KEYS_PREVIOUS`: keys older values may be sealed with. */
  encryptionKeysPrevious?: readonly string[];
  /** `AGENTFLOW_JWT_SECRET`: at least 32 bytes. */
  jwtSecret?: string;
}

export interface KeyMaterialOptions {
  /** Configured keys win over key files. (Default: none) */
  configured?: ConfiguredKeys;
  /** Where key files live (the embedded data directory). */
  dataDir?: string;
  /** Random keys, never written (in-memory runtimes). */
  ephemeral?: boolean;
  /**
   * Key files in `dataDir` may be read and generated. `false`: the encryption key must be configured (an
   * AF_VALIDATION error naming `AGENTFLOW_ENCRYPTION_KEY` otherwise) and nothing is written. (Default: true)
   */
  keyFiles?: boolean;
}

/** `k_` + 16 hex characters of the key's SHA-256: names the key without revealing it. */
export function keyIdOf(key: Buffer): string {
  return `k_${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

export function loadKeyMaterial(options: KeyMaterialOptions = {}): KeyMaterial {
  const configured = options.configured ?? {};
  const fileAllowed = !options.ephemeral && options.dataDir !== undefined && options.keyFiles !== false;
  if (options.keyFiles === false && !options.ephemeral && !configured.encryptionKey) {
    throw new AgentFlowError(
      'AF_VALIDATION',
      'AGENTFLOW_ENCRYPTION_KEY is not set: with PostgreSQL (DATABASE_URL) the encryption key must be configured, ' +
        'the same on every process (generate one with: openssl rand -base64 32); no key file is written',
      {
        issues: [
          { code: 'AF_VALIDATION', path: 'AGENTFLOW_ENCRYPTION_KEY', message: 'required with DATABASE_URL' },
        ],
      },
    );
  }

  let encryption: KeySource;
  let current: Buffer;
  const fromEnv = configured.encryptionKey;
  if (fromEnv) {
    current = decodeAesKey(fromEnv, 'AGENTFLOW_ENCRYPTION_KEY');
    encryption = 'env';
  } else if (fileAllowed) {
    const text = readOrCreate(join(options.dataDir!, ENCRYPTION_KEY_FILE), () =>
      randomBytes(32).toString('base64'),
    );
    current = decodeAesKey(text, ENCRYPTION_KEY_FILE);
    encryption = 'file';
  } else {
    current = randomBytes(32);
    encryption = 'ephemeral';
  }
  const keys = new Map<string, Buffer>([[keyIdOf(current), current]]);
  for (const old of configured.encryptionKeysPrevious ?? []) {
    if (old.trim() === '') continue;
    const key = decodeAesKey(old, 'AGENTFLOW_ENCRYPTION_KEYS_PREVIOUS');
    if (!keys.has(keyIdOf(key))) keys.set(keyIdOf(key), key);
  }

  let jwt: KeySource;
  let jwtSecret: Uint8Array;
  const jwtEnv = configured.jwtSecret;
  if (jwtEnv) {
    jwtSecret = new TextEncoder().encode(jwtEnv);
    if (jwtSecret.length < 32) {
      throw new AgentFlowError('AF_VALIDATION', 'AGENTFLOW_JWT_SECRET must be at least 32 bytes long', {
        issues: [{ code: 'AF_VALIDATION', path: 'AGENTFLOW_JWT_SECRET', message: 'at least 32 bytes' }],
      });
    }
    jwt = 'env';
  } else if (fileAllowed) {
    const text = readOrCreate(join(options.dataDir!, JWT_SECRET_FILE), () =>
      randomBytes(48).toString('base64'),
    );
    jwtSecret = Buffer.from(text.trim(), 'base64');
    if (jwtSecret.length < 32) {
      throw new AgentFlowError(
        'AF_VALIDATION',
        `${JWT_SECRET_FILE} in ${options.dataDir} is damaged (under 32 bytes); delete it to generate a new one ` +
          '(every session then ends)',
      );
    }
    jwt = 'file';
  } else {
    jwtSecret = randomBytes(48);
    jwt = 'ephemeral';
  }
  return {
    encryptionKeys: keys,
    currentKeyId: keyIdOf(current),
    jwtSecret,
    sources: { encryption, jwt },
  };
}

function decodeAesKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : Buffer.alloc(0);
  if (key.length !== 32) {
    // The value itself is never echoed.
    throw new AgentFlowError(
      'AF_VALIDATION',
      `${where} must be 32 bytes encoded in base64 (generate one with: openssl rand -base64 32)`,
      { issues: [{ code: 'AF_VALIDATION', path: where, message: 'not base64 of 32 bytes' }] },
    );
  }
  return key;
}

/**
 * Reads `path`, or creates it with `make()` (mode 0600). Written to a temporary file first, then hard-linked into
 * place, which fails if another process got there first: then its key is read instead.
 */
function readOrCreate(path: string, make: () => string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, `${make()}\n`, { mode: 0o600, flag: 'wx' });
  try {
    chmodSync(tmp, 0o600);
    linkSync(tmp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(tmp);
  }
  return readFileSync(path, 'utf8');
}
