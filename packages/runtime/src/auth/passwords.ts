/**
 * Password hashing: argon2id through `@node-rs/argon2` (native, prebuilt per platform), with the OWASP baseline
 * parameters (19 MiB, 2 passes, 1 lane). Hashes are PHC strings, so the parameters can change later and old
 * hashes still verify.
 */
import { AgentFlowError } from '@agentflow/protocol';
import { type Algorithm, hash, verify } from '@node-rs/argon2';

export interface PasswordHashOptions {
  /** KiB. (Default: 19456) */
  memoryCost?: number;
  /** Passes. (Default: 2) */
  timeCost?: number;
}

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

/** argon2id: the `Algorithm.Argon2id` value of the package's const enum. */
const ARGON2ID = 2 as Algorithm;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password or a malformed hash; never throws for those. */
  verify(passwordHash: string, password: string): Promise<boolean>;
  /**
   * Spends the time a real verification takes, for unknown accounts, so a login with an unknown email cannot be
   * told apart by its latency.
   */
  burn(password: string): Promise<void>;
}

export function createPasswordHasher(options: PasswordHashOptions = {}): PasswordHasher {
  const params = {
    algorithm: ARGON2ID,
    memoryCost: options.memoryCost ?? 19_456,
    timeCost: options.timeCost ?? 2,
    parallelism: 1,
  };
  let dummy: Promise<string> | undefined;
  async function check(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }
  return {
    hash: (password) => hash(password, params),
    verify: check,
    async burn(password) {
      dummy ??= hash('agentflow-dummy-password', params);
      await check(await dummy, password);
    },
  };
}

/** AF_VALIDATION unless the password has 8 to 256 characters. */
export function checkPasswordPolicy(password: string): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw new AgentFlowError(
      'AF_VALIDATION',
      `the password must have ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
      {
        issues: [
          {
            code: 'AF_VALIDATION',
            path: 'password',
            message: `must have ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
          },
        ],
      },
    );
  }
}
