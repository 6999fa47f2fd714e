/**
 * Trigger secrets: a webhook's HMAC secret or bearer token and a chat trigger's share token, generated here,
 * sealed with the secret box (AAD `trigger:<workspace>:<trigger>`) into one stored string, and opened again.
 */
import { randomBytes } from 'node:crypto';
import type { TriggerKind, WebhookConfig } from '@agentflow/protocol';
import { packSealed, type SecretBox, unpackSealed } from '../auth/secret-box.js';
import { hashChatToken } from './chat.js';

/** A new trigger secret: what is stored (`sealed`, `tokenHash`) and what is shown this once (`shown`). */
export interface NewTriggerSecret {
  sealed: string | null;
  tokenHash?: string;
  shown?: { secret?: string; token?: string };
}

const secretAad = (workspaceId: string, triggerId: string) => `trigger:${workspaceId}:${triggerId}`;

/** A fresh secret for a trigger of `kind` (none for a schedule, a workflow event or an unauthenticated webhook). */
export function newTriggerSecret(
  box: SecretBox,
  kind: TriggerKind,
  config: unknown,
  workspaceId: string,
  id: string,
): NewTriggerSecret {
  if (kind === 'chat') {
    // The public embed's share token: sealed (members who may change the workflow see it again), and hashed
    // for the embed's lookup.
    const token = `afc_${randomBytes(24).toString('base64url')}`;
    return {
      sealed: packSealed(box.seal(token, secretAad(workspaceId, id))),
      tokenHash: hashChatToken(token),
      shown: { token },
    };
  }
  if (kind !== 'webhook') return { sealed: null };
  const auth = (config as WebhookConfig).auth;
  if (!auth.hmac && !auth.bearer) return { sealed: null };
  const plain = auth.hmac
    ? `whsec_${randomBytes(24).toString('base64url')}`
    : `afh_${randomBytes(24).toString('base64url')}`;
  return {
    sealed: packSealed(box.seal(plain, secretAad(workspaceId, id))),
    shown: auth.hmac ? { secret: plain } : { token: plain },
  };
}

/** The plain text of the stored secret `sealed` of trigger `triggerId`. */
export function openTriggerSecret(
  box: SecretBox,
  workspaceId: string,
  triggerId: string,
  sealed: string,
): string {
  return box.open(unpackSealed(sealed), secretAad(workspaceId, triggerId));
}
