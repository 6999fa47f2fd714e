import { createHash } from 'node:crypto';
import { AgentFlowError } from '@agentflow/protocol';

/** Input shared by the mail tools. */
export interface MailInput {
  to: string | string[];
  cc?: string | string[];
  bcc?: string | string[];
  subject: string;
  text?: string;
  html?: string;
  replyTo?: string;
}

const ADDRESS = /^[^\s@<>,;:"()[\]\\]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const list = {
  anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 50 }],
};

export const MAIL_INPUT_SCHEMA: Record<string, unknown> = {
  type: 'object',
  properties: {
    to: list,
    cc: list,
    bcc: list,
    subject: { type: 'string', minLength: 1, maxLength: 998 },
    text: { type: 'string', maxLength: 1_000_000 },
    html: { type: 'string', maxLength: 2_000_000 },
    replyTo: { type: 'string', maxLength: 320 },
  },
  required: ['to', 'subject'],
  additionalProperties: false,
};

export interface RecipientPolicy {
  /** Recipients (to, cc, bcc together) per message. (Default: 20) */
  maxRecipients?: number;
  /** When set, every recipient must be in one of these domains (`example.com` also allows subdomains). */
  allowedRecipientDomains?: readonly string[];
}

/** Checks addresses and the recipient policy; returns the normalized lists. Throws AF_TOOL_ERROR. */
export function checkMail(tool: string, input: MailInput, policy: RecipientPolicy) {
  const to = asList(input.to);
  const cc = asList(input.cc);
  const bcc = asList(input.bcc);
  const all = [...to, ...cc, ...bcc];
  if (input.text === undefined && input.html === undefined) throw bad(tool, 'set text or html');
  if (/[\r\n]/.test(input.subject)) throw bad(tool, 'the subject may not contain line breaks');
  const maxRecipients = policy.maxRecipients ?? 20;
  if (all.length > maxRecipients) throw bad(tool, `at most ${maxRecipients} recipients`);
  for (const address of [...all, ...(input.replyTo ? [input.replyTo] : [])]) {
    if (!ADDRESS.test(address)) throw bad(tool, `invalid address ${JSON.stringify(address)}`);
  }
  const domains = policy.allowedRecipientDomains?.map((d) => d.toLowerCase());
  if (domains) {
    for (const address of all) {
      const domain = address.split('@')[1]!.toLowerCase();
      if (!domains.some((d) => domain === d || domain.endsWith(`.${d}`))) {
        throw bad(tool, `recipient domain ${domain} is not allowed`);
      }
    }
  }
  return { to, cc, bcc };
}

/** A Message-ID derived from the idempotency key, so a retried send carries the same id. */
export function messageIdFor(idempotencyKey: string, domain = 'agentflow.local'): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${domain}>`;
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter(Boolean);
}

function bad(tool: string, message: string): AgentFlowError {
  return new AgentFlowError('AF_TOOL_ERROR', `${tool}: ${message}`, { retryable: false });
}

/**
 * The message fields shared by SMTP and Gmail: the recipients checked by `checkMail`, and a Message-ID and an
 * `X-Idempotency-Key` header derived from the step's idempotency key, so a retried send is recognisable.
 */
export function mailFields(
  from: string,
  recipients: { to: string[]; cc: string[]; bcc: string[] },
  input: MailInput,
  messageId: string,
  idempotencyKey: string,
) {
  return {
    from,
    ...recipients,
    subject: input.subject,
    ...(input.text !== undefined ? { text: input.text } : {}),
    ...(input.html !== undefined ? { html: input.html } : {}),
    ...(input.replyTo ? { replyTo: input.replyTo } : {}),
    messageId,
    headers: { 'X-Idempotency-Key': idempotencyKey },
  };
}
