import { createScriptedProvider, type ModelProvider } from '@agentflow/core';
import { type Issue, isErrorCode } from '@agentflow/protocol';
import { z } from 'zod';
import { CliError } from './errors.js';
import { loadJsonFile } from './load.js';

const ReplyObject = z.strictObject({
  text: z.string().optional(),
  toolCalls: z
    .array(z.strictObject({ name: z.string().min(1), input: z.unknown(), id: z.string().optional() }))
    .optional(),
  object: z.unknown().optional(),
  error: z
    .strictObject({
      code: z.string().refine(isErrorCode, 'must be an AF_... error code'),
      message: z.string(),
      retryAfterMs: z.number().min(0).optional(),
      retryable: z.boolean().optional(),
    })
    .optional(),
  delayMs: z.number().min(0).optional(),
  tokens: z.union([z.array(z.string()), z.number().int().min(1)]).optional(),
  tokenDelayMs: z.number().min(0).optional(),
  finishReason: z.enum(['stop', 'length', 'tool-calls', 'content-filter', 'error', 'other']).optional(),
  usage: z
    .strictObject({
      inputTokens: z.number().min(0).optional(),
      outputTokens: z.number().min(0).optional(),
      costUsd: z.number().min(0).optional(),
    })
    .optional(),
});
const Reply = z.union([z.string(), ReplyObject]);

/** The JSON form of a scripted-provider script (functions, which JSON cannot hold, are left out). */
const ScriptFile = z.union([
  z.array(Reply),
  z.strictObject({
    $schema: z.string().optional(),
    description: z.string().optional(),
    rules: z
      .array(
        z.strictObject({
          when: z.strictObject({
            provider: z.string().optional(),
            model: z.string().optional(),
            lastUserIncludes: z.string().optional(),
            systemIncludes: z.string().optional(),
          }),
          reply: Reply,
          times: z.number().int().min(1).optional(),
        }),
      )
      .optional(),
    replies: z.array(Reply).optional(),
    byModel: z.record(z.string(), z.array(Reply)).optional(),
    fallback: Reply.optional(),
  }),
]);

/**
 * Loads a JSON script for core's deterministic scripted model provider (rules matched by
 * `lastUserIncludes`, `systemIncludes`, `provider`, `model`; reply sequences by model or overall).
 */
export async function loadScriptedProvider(file: string, cwd: string): Promise<ModelProvider> {
  const raw = await loadJsonFile(file, cwd);
  const parsed = ScriptFile.safeParse(raw);
  if (!parsed.success) {
    const issues: Issue[] = flatten(parsed.error.issues, []).map((i) => ({
      code: 'AF_VALIDATION',
      path: formatPath(i.path),
      message: i.message,
    }));
    throw new CliError(`${file}: invalid script`, issues);
  }
  const data = parsed.data;
  const {
    $schema: _schema,
    description: _description,
    ...script
  } = Array.isArray(data) ? { replies: data, $schema: undefined, description: undefined } : data;
  return createScriptedProvider(script);
}

type ZodIssue = z.core.$ZodIssue;

/**
 * Unions report "Invalid input" with one issue list per option; show the issues of the option whose type
 * matched (a string reply or a reply object), with full paths.
 */
function flatten(
  issues: readonly ZodIssue[],
  base: PropertyKey[],
): { path: PropertyKey[]; message: string }[] {
  const out: { path: PropertyKey[]; message: string }[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) {
      out.push({ path, message: issue.message });
      continue;
    }
    const typeMatched = issue.errors.filter(
      (branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0),
    );
    const chosen = typeMatched.length === 1 ? typeMatched[0]! : undefined;
    if (chosen) out.push(...flatten(chosen, path));
    else out.push({ path, message: issue.message });
  }
  return out;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
