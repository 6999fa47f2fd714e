import { defineTool, type Tool } from '@agentflow/core';
import type { EgressGuard } from '../egress/guard.js';
import { loadMailComposer } from '../lazy-deps.js';
import { postJson, type SecretValue, secretOf } from './api-call.js';
import {
  checkMail,
  MAIL_INPUT_SCHEMA,
  type MailInput,
  mailFields,
  messageIdFor,
  type RecipientPolicy,
} from './message.js';

export interface GmailToolOptions extends RecipientPolicy {
  /** OAuth 2 access token with the gmail.send scope (a function can refresh it). */
  accessToken: SecretValue;
  egress: EgressGuard;
  /** Sender address written into the message (Gmail sends as the authorized user either way). */
  from: string;
  /** API base. (Default: https://gmail.googleapis.com) */
  baseUrl?: string;
  /** (Default: `me`) */
  userId?: string;
  /** (Default: 15000 ms) */
  timeoutMs?: number;
}

export interface GmailSendOutput {
  id: string;
  threadId: string;
  messageId: string;
}

/**
 * `gmail_send`: Gmail API `users.messages.send`: an RFC 822 message built by nodemailer's MailComposer, base64url
 * in `raw`, bearer token auth. The Message-ID derives from the idempotency key.
 */
export function createGmailSendTool(options: GmailToolOptions): Tool<MailInput, GmailSendOutput> {
  const base = (options.baseUrl ?? 'https://gmail.googleapis.com').replace(/\/+$/, '');
  const userId = encodeURIComponent(options.userId ?? 'me');
  return defineTool<MailInput, GmailSendOutput>({
    name: 'gmail_send',
    description: 'Sends an email from the connected Gmail account.',
    sideEffect: true,
    inputSchema: MAIL_INPUT_SCHEMA,
    async run(input, ctx) {
      const recipients = checkMail('gmail_send', input, options);
      const messageId = messageIdFor(ctx.idempotencyKey);
      const MailComposer = loadMailComposer();
      const node = new MailComposer(
        mailFields(options.from, recipients, input, messageId, ctx.idempotencyKey),
      ).compile();
      node.keepBcc = true; // Gmail delivers to Bcc recipients from the raw message's header
      const raw = (await node.build()).toString('base64url');
      const token = await secretOf(options.accessToken);
      const { json } = await postJson(
        'gmail_send',
        options.egress,
        `${base}/gmail/v1/users/${userId}/messages/send`,
        token,
        { raw },
        ctx.signal,
        options.timeoutMs ?? 15_000,
      );
      return { id: String(json.id ?? ''), threadId: String(json.threadId ?? ''), messageId };
    },
  });
}
