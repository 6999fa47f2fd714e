/**
 * Invitation mail over the instance's SMTP server (the `send_email` tool's transport, nodemailer). Configured by
 * `AGENTFLOW_SMTP_URL` (`smtp://user:pass@host:587`, or `smtps://` for TLS from the start) and
 * `AGENTFLOW_SMTP_FROM` (the sender); `AGENTFLOW_PUBLIC_URL` (the web app's address) adds an accept link. Without
 * SMTP no mail is sent and the token is shown to workspace admins instead (invitations.ts).
 */
import { createHash } from 'node:crypto';
import { type Logger, silentLogger } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import { createSendEmailTool, type SmtpSettings } from '@agentflow/tools';
import type { RuntimeConfig } from '../config.js';
import type { InvitationDelivery, InvitationServiceOptions } from './invitations.js';

export interface SmtpInvitationOptions {
  smtp: SmtpSettings;
  from: string;
  /** Base URL of the web app; the mail links to `<publicUrl>/invitations/accept?token=...`. (Default: none) */
  publicUrl?: string;
  logger?: Logger;
}

export function createSmtpInvitationDelivery(options: SmtpInvitationOptions): InvitationDelivery {
  const tool = createSendEmailTool({ smtp: options.smtp, from: options.from, maxRecipients: 1 });
  return {
    async send(message) {
      const link = options.publicUrl
        ? `${options.publicUrl.replace(/\/+$/, '')}/invitations/accept?token=${encodeURIComponent(message.token)}`
        : undefined;
      const text = [
        `You are invited to join the workspace "${message.workspaceName}" on AgentFlow as ${message.role}.`,
        '',
        link
          ? `Sign in (or create an account) with this email address, then open: ${link}`
          : 'Sign in (or create an account) with this email address, then accept the invitation with this token:',
        link ? '' : message.token,
        '',
        `The invitation expires on ${new Date(message.expiresAt).toUTCString()}.`,
      ].join('\n');
      const key = createHash('sha256').update(message.token).digest('hex').slice(0, 32);
      await tool.run(
        { to: message.email, subject: `Invitation to ${message.workspaceName} on AgentFlow`, text },
        {
          signal: AbortSignal.timeout(30_000),
          idempotencyKey: `invitation-${key}`,
          logger: options.logger ?? silentLogger,
          executionId: `invitation-${key}`,
        },
      );
    },
  };
}

/** The SMTP delivery the configuration names (`AGENTFLOW_SMTP_URL`), or undefined (AF_VALIDATION for a malformed URL). */
export function smtpDeliveryFromConfig(
  config: Pick<RuntimeConfig, 'smtpUrl' | 'smtpFrom' | 'publicUrl'>,
  logger?: Logger,
): InvitationDelivery | undefined {
  const raw = config.smtpUrl;
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    url = new URL('invalid:');
  }
  const from = config.smtpFrom;
  if ((url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname || !from) {
    throw new AgentFlowError(
      'AF_VALIDATION',
      'AGENTFLOW_SMTP_URL must be smtp://[user:pass@]host[:port] or smtps://..., with AGENTFLOW_SMTP_FROM set',
      { issues: [{ code: 'AF_VALIDATION', path: 'AGENTFLOW_SMTP_URL', message: 'smtp:// or smtps:// URL' }] },
    );
  }
  const secure = url.protocol === 'smtps:';
  const smtp: SmtpSettings = {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
  };
  return createSmtpInvitationDelivery({
    smtp,
    from,
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    ...(logger ? { logger } : {}),
  });
}

/** `options` with the configured SMTP delivery unless one is given. */
export function withSmtp(
  options: InvitationServiceOptions | undefined,
  config: Pick<RuntimeConfig, 'smtpUrl' | 'smtpFrom' | 'publicUrl'>,
  logger?: Logger,
): InvitationServiceOptions {
  if (options?.delivery) return options;
  const delivery = smtpDeliveryFromConfig(config, logger);
  return { ...options, ...(delivery ? { delivery } : {}) };
}
