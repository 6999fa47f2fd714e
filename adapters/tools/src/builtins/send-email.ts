import { defineTool, type Tool } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import { loadNodemailer } from '../lazy-deps.js';
import {
  checkMail,
  MAIL_INPUT_SCHEMA,
  type MailInput,
  mailFields,
  messageIdFor,
  type RecipientPolicy,
} from './message.js';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the start (port 465). (Default: false, STARTTLS when offered) */
  secure?: boolean;
  /** Refuse to send without STARTTLS. (Default: false) */
  requireTLS?: boolean;
  auth?: { user: string; pass: string };
  /** `servername`: the name TLS checks the certificate against, when `host` is an address. */
  tls?: { rejectUnauthorized?: boolean; servername?: string };
}

export interface SendEmailToolOptions extends RecipientPolicy {
  /** Admin-configured SMTP server (not subject to the egress guard: it is not chosen by a workflow). */
  smtp: SmtpSettings;
  /** Sender address; workflows cannot change it. */
  from: string;
  /** (Default: 30000 ms) */
  timeoutMs?: number;
}

export interface SendEmailOutput {
  messageId: string;
  accepted: string[];
  rejected: string[];
}

/**
 * `send_email`: sends a message over SMTP with nodemailer. The sender is fixed by configuration; the Message-ID
 * derives from the idempotency key (and is sent as `X-Idempotency-Key` too) so a retried step sends the same
 * message id.
 */
export function createSendEmailTool(options: SendEmailToolOptions): Tool<MailInput, SendEmailOutput> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  // nodemailer is loaded and the transport made on the first send: the server builds this tool at start.
  let transport: ReturnType<typeof smtpTransport> | undefined;
  return defineTool<MailInput, SendEmailOutput>({
    name: 'send_email',
    description: 'Sends an email (text and/or HTML) to the given recipients.',
    sideEffect: true,
    inputSchema: MAIL_INPUT_SCHEMA,
    async run(input, ctx) {
      const recipients = checkMail('send_email', input, options);
      const messageId = messageIdFor(ctx.idempotencyKey);
      transport ??= smtpTransport(options.smtp, timeoutMs);
      try {
        const info = await transport.sendMail(
          mailFields(options.from, recipients, input, messageId, ctx.idempotencyKey),
        );
        return {
          messageId: String(info.messageId ?? messageId),
          accepted: (info.accepted ?? []).map(String),
          rejected: (info.rejected ?? []).map(String),
        };
      } catch (error) {
        const e = error as { message?: string; responseCode?: number; code?: string };
        const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500;
        throw new AgentFlowError('AF_TOOL_ERROR', `send_email: ${e.message ?? String(error)}`, {
          retryable: !permanent,
          details: {
            ...(e.responseCode ? { smtpCode: e.responseCode } : {}),
            ...(e.code ? { reason: e.code } : {}),
          },
          cause: error,
        });
      }
    },
  });
}

function smtpTransport(smtp: SmtpSettings, timeoutMs: number) {
  return loadNodemailer().createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure ?? false,
    requireTLS: smtp.requireTLS ?? false,
    ...(smtp.auth ? { auth: smtp.auth } : {}),
    ...(smtp.tls ? { tls: smtp.tls } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
}
