/**
 * What a published template may carry (issue 16): the publish API's input converted to what the store keeps,
 * the publisher's ids and credential choices scrubbed, and the scan that refuses credential values, the
 * publisher's ids and well-known secret shapes anywhere in it.
 */
import { AgentFlowError, type Issue, type TemplatePublishInput } from '@agentflow/protocol';
import type { TemplateInput } from '@agentflow/store-sql';

/**
 * A workflow definition keeps none of the publisher's ids, nor which of the publisher's credentials it used
 * (`config.credentials`: an install sets the installer's own from the template's credential mapping).
 */
export function scrubWorkflow(embedded: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, workspaceId: _ws, version: _v, createdBy: _by, ...workflow } = embedded;
  if (!isPlainObject(workflow.config) || workflow.config.credentials === undefined) return workflow;
  const { credentials: _c, ...config } = workflow.config;
  return { ...workflow, config };
}

/** A workflow template's embedded definition keeps none of the publisher's ids. */
function scrubbed(input: TemplateInput): TemplateInput {
  const embedded = input.defaultConfig?.workflow;
  if (!isPlainObject(embedded)) return input;
  return { ...input, defaultConfig: { ...input.defaultConfig, workflow: scrubWorkflow(embedded) } };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The publish API's input (issue 16) as the store keeps it: a workflow template's definition in `defaultConfig.workflow`. */
export function toTemplateInput(input: TemplatePublishInput | TemplateInput): TemplateInput {
  const i = input as TemplatePublishInput & Partial<TemplateInput>;
  const isPublic = i.visibility !== undefined ? i.visibility === 'public' : i.isPublic === true;
  const workflow = isPlainObject(i.workflow) ? scrubWorkflow(i.workflow) : undefined;
  const kind = i.kind ?? (workflow || isPlainObject(i.defaultConfig?.workflow) ? 'workflow' : 'agent');
  if (kind === 'agent' && i.configSchema === undefined) {
    throw new AgentFlowError('AF_VALIDATION', 'an agent template needs configSchema', {
      issues: [{ code: 'AF_VALIDATION', path: 'configSchema', message: 'required for an agent template' }],
    });
  }
  if (kind === 'workflow' && !workflow && !isPlainObject(i.defaultConfig?.workflow)) {
    throw new AgentFlowError('AF_VALIDATION', 'a workflow template needs workflow', {
      issues: [{ code: 'AF_VALIDATION', path: 'workflow', message: 'required for a workflow template' }],
    });
  }
  const out: TemplateInput = {
    name: i.name,
    configSchema: i.configSchema ?? { type: 'object' },
    isPublic,
    kind,
  };
  if (i.id !== undefined) out.id = i.id;
  if (i.description !== undefined) out.description = i.description;
  if (i.category !== undefined) out.category = i.category;
  if (i.iconUrl !== undefined) out.iconUrl = i.iconUrl;
  if (i.icon !== undefined) out.icon = i.icon;
  if (i.author !== undefined) out.author = i.author;
  if (i.tags !== undefined) out.tags = i.tags;
  if (i.credentials !== undefined) out.credentials = i.credentials;
  if (i.script !== undefined) out.script = i.script;
  if (i.sampleInput !== undefined) out.sampleInput = i.sampleInput;
  if (i.nodeType !== undefined) out.nodeType = i.nodeType;
  const defaults = workflow ? { ...i.defaultConfig, workflow } : i.defaultConfig;
  if (defaults !== undefined) out.defaultConfig = defaults;
  return scrubbed(out);
}

/** Well-known secret shapes a template must never carry. */
const SECRET_PATTERNS: [RegExp, string][] = [
  [/\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}/, 'an API key (sk-...)'],
  [/\baf_[A-Za-z0-9_-]{16,}/, 'an AgentFlow API key'],
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key'],
  [/\bgh[pousr]_[A-Za-z0-9]{20,}/, 'a GitHub token'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\bAIza[0-9A-Za-z_-]{30,}/, 'a Google API key'],
  [/\bwhsec_[A-Za-z0-9+/=_-]{16,}/, 'a webhook secret'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, 'a JSON web token'],
];

/**
 * Every string (and object key) in a template, with its path: checked on publish for credential values, the
 * publisher's workspace and user ids, and well-known secret shapes. Iterative (no recursion limit).
 */
export function findSecrets(value: unknown, secrets: { value: string; what: string }[]): Issue[] {
  const issues: Issue[] = [];
  const stack: [unknown, string][] = [[value, '']];
  const check = (text: string, path: string) => {
    for (const s of secrets) {
      if (s.value.length > 0 && text.includes(s.value)) {
        issues.push({ code: 'AF_VALIDATION', path, message: `contains ${s.what}` });
        return;
      }
    }
    for (const [re, what] of SECRET_PATTERNS) {
      if (re.test(text)) {
        issues.push({ code: 'AF_VALIDATION', path, message: `contains what looks like ${what}` });
        return;
      }
    }
  };
  while (stack.length > 0 && issues.length < 50) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') check(v, path || '(value)');
    else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push([v[i], `${path}[${i}]`]);
    } else if (isPlainObject(v)) {
      for (const [k, x] of Object.entries(v)) {
        const p = path === '' ? k : `${path}.${k}`;
        check(k, p);
        stack.push([x, p]);
      }
    }
  }
  return issues.sort((a, b) => (a.path ?? '').localeCompare(b.path ?? ''));
}
