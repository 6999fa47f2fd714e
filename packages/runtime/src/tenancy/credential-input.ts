/**
 * What a workspace credential may be, as given through the API: its name, type, value and the base URLs a key
 * is bound to (`CredentialInput`), parsed with issues that name the field and never echo the value.
 */
import { AgentFlowError } from '@agentflow/protocol';
import { z } from 'zod';

/** An http(s) base URL, kept as origin + path without a trailing slash (no credentials, query or fragment). */
const BaseURL = z
  .string()
  .max(2048)
  .transform((raw, ctx) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be an http(s) URL' });
      return z.NEVER;
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'must be an http(s) URL without user or password' });
      return z.NEVER;
    }
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  });

export const CredentialInput = z.object({
  name: z
    .string()
    .min(1)
    .max(255)
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
      'letters, digits, "_", "." and "-", starting with a letter or digit',
    ),
  /**
   * What it is for: a provider name (`openai`, `anthropic`...) or a tool kind: `postgres`, `smtp`, `slack`, `gmail`
   * (the built-in tools' credentials, builtin-tools.ts), `http-header`...
   */
  type: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9][a-z0-9_.-]*$/, 'lower-case letters, digits, "_", "." and "-"'),
  value: z.string().min(1).max(16_384),
  /**
   * Provider keys: the base URLs (origin + path, e.g. `https://llm.example.com/v1`) the key may be sent to. A model
   * call to any other base URL fails with AF_CREDENTIAL_SCOPE and sends nothing. `slack` and `gmail` tokens go to
   * the first. (Default: the provider's or the tool's configured endpoint only: its default, or the one an
   * administrator set in the environment)
   */
  baseURLs: z.array(BaseURL).min(1).max(16).optional(),
});
export type CredentialInput = z.infer<typeof CredentialInput>;

/** What `update` may change. */
export interface CredentialChange {
  value?: string;
  baseURLs?: string[] | null;
}

export function parseCredentialInput(input: unknown): CredentialInput {
  const parsed = CredentialInput.safeParse(input);
  if (parsed.success) return parsed.data;
  // Issues name the field, never echo the value.
  throw new AgentFlowError('AF_VALIDATION', 'invalid credential', {
    issues: parsed.error.issues.map((i) => ({
      code: 'AF_VALIDATION' as const,
      path: i.path.map(String).join('.'),
      message: i.path[0] === 'value' ? 'must be 1 to 16384 characters' : i.message,
    })),
  });
}
