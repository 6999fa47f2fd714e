/**
 * AES-256-GCM sealing of secrets (node:crypto): a random 12-byte IV per value, a 16-byte tag, and additional
 * authenticated data naming where the value belongs (workspace and credential name), so a sealed value copied
 * onto another row or workspace does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AgentFlowError } from '@agentflow/protocol';
import type { SealedSecret } from '@agentflow/store-sql/tenancy';
import type { KeyMaterial } from './key-material.js';

export interface SecretBox {
  readonly currentKeyId: string;
  seal(plaintext: string, aad: string): SealedSecret;
  /** AF_INTERNAL when the key is unknown or the value was tampered with (the message names neither value). */
  open(sealed: SealedSecret, aad: string): string;
}

export function createSecretBox(keys: Pick<KeyMaterial, 'encryptionKeys' | 'currentKeyId'>): SecretBox {
  const current = keys.encryptionKeys.get(keys.currentKeyId);
  if (current?.length !== 32) throw new Error('the current encryption key is missing');
  return {
    currentKeyId: keys.currentKeyId,
    seal(plaintext, aad) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv, { authTagLength: 16 });
      cipher.setAAD(Buffer.from(aad, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return { ciphertext, iv, authTag: cipher.getAuthTag(), keyId: keys.currentKeyId };
    },
    open(sealed, aad) {
      const key = keys.encryptionKeys.get(sealed.keyId);
      if (!key) {
        throw new AgentFlowError(
          'AF_INTERNAL',
          `a credential is sealed with key ${sealed.keyId}, which this process does not have; add it to ` +
            'AGENTFLOW_ENCRYPTION_KEYS_PREVIOUS',
        );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: 16 });
        decipher.setAAD(Buffer.from(aad, 'utf8'));
        decipher.setAuthTag(sealed.authTag);
        return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
      } catch {
        throw new AgentFlowError('AF_INTERNAL', 'a stored credential failed its integrity check');
      }
    },
  };
}

/** A sealed secret as one text value (`keyId.iv.authTag.ciphertext`, each base64url), for a text column. */
export function packSealed(sealed: SealedSecret): string {
  return [Buffer.from(sealed.keyId, 'utf8'), sealed.iv, sealed.authTag, sealed.ciphertext]
    .map((part) => part.toString('base64url'))
    .join('.');
}

/** The sealed secret of `packSealed`'s text. */
export function unpackSealed(text: string): SealedSecret {
  const [keyId = '', iv = '', authTag = '', ciphertext = ''] = text.split('.');
  return {
    keyId: Buffer.from(keyId, 'base64url').toString('utf8'),
    iv: Buffer.from(iv, 'base64url'),
    authTag: Buffer.from(authTag, 'base64url'),
    ciphertext: Buffer.from(ciphertext, 'base64url'),
  };
}
