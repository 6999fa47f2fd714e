/**
 * What a workflow will reach outside AgentFlow, listed for the person installing it from a template: every
 * model (provider, model, base URL), every tool its agents may call or its tool nodes call, and every URL
 * written anywhere in the definition (webhooks, prompts, tool arguments, plugin configs). The installer confirms
 * the list by echoing its digest, so a template changed after the preview is not confirmed blindly.
 */
import { createHash } from 'node:crypto';
import { AgentFlowError, type Issue } from '@agentflow/protocol';

/** One external target of a workflow. */
export interface InstallTarget {
  /** `model`: an LLM call; `tool`: a tool call (its URLs chosen at run time); `url`: a URL in the definition. */
  kind: 'model' | 'tool' | 'url';
  /** Where it is in the definition, e.g. `agents[1].config`. */
  path: string;
  provider?: string;
  model?: string;
  tool?: string;
  /** The URL: a model's base URL (absent: the provider's configured endpoint), or the URL found. */
  url?: string;
  /** The URL's host (with port), when it parses. */
  host?: string;
}

/** The targets and the digest that confirms them. */
export interface InstallPreview {
  /** Hex SHA-256 of the targets (in order); send it back as `confirm`. */
  digest: string;
  targets: InstallTarget[];
}

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`\\]+/gi;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withHost(target: InstallTarget): InstallTarget {
  if (target.url === undefined) return target;
  try {
    const host = new URL(target.url).host;
    return host ? { ...target, host } : target;
  } catch {
    return target;
  }
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** Model and tool targets of one node that looks like an `agent` or `tool` node; the paths it covered. */
function nodeTargets(
  node: Record<string, unknown>,
  path: string,
  out: InstallTarget[],
  covered: Set<string>,
) {
  const config = node.config;
  if (!isObject(config)) return;
  const configPath = join(path, 'config');
  if (node.type === 'agent') {
    const baseURL = typeof config.baseURL === 'string' ? config.baseURL : undefined;
    if (baseURL !== undefined) covered.add(join(configPath, 'baseURL'));
    // An agent naming no model runs on the installing workspace's own default: nothing the template points at.
    if (config.provider !== undefined || config.model !== undefined || baseURL !== undefined) {
      out.push(
        withHost({
          kind: 'model',
          path: configPath,
          provider: String(config.provider ?? ''),
          model: String(config.model ?? ''),
          ...(baseURL !== undefined ? { url: baseURL } : {}),
        }),
      );
    }
    if (Array.isArray(config.fallback)) {
      config.fallback.forEach((f, i) => {
        if (!isObject(f)) return;
        out.push({
          kind: 'model',
          path: join(join(configPath, 'fallback'), i),
          provider: String(f.provider ?? ''),
          model: String(f.model ?? ''),
        });
      });
    }
    if (Array.isArray(config.tools)) {
      config.tools.forEach((tool, i) => {
        if (typeof tool === 'string')
          out.push({ kind: 'tool', path: join(join(configPath, 'tools'), i), tool });
      });
    }
  } else if (node.type === 'tool' && typeof config.tool === 'string') {
    out.push({ kind: 'tool', path: join(configPath, 'tool'), tool: config.tool });
  }
}

/** Deeper values are refused: a workflow definition is far shallower (the engine's limit is 32 by default). */
export const MAX_WALK_DEPTH = 256;

interface Place {
  parent: Place | undefined;
  key: string | number;
  depth: number;
}

/** The path of a place, built only for what is reported. */
function pathOf(place: Place | undefined): string {
  const keys: (string | number)[] = [];
  for (let p = place; p; p = p.parent) keys.push(p.key);
  let path = '';
  for (let i = keys.length - 1; i >= 0; i--) path = join(path, keys[i]!);
  return path;
}

/**
 * The external targets of a workflow definition, sorted by path, and their digest. Walks the whole value
 * iteratively (nested loop bodies and any plugin's config included); a value nested deeper than
 * MAX_WALK_DEPTH is refused (AF_LIMIT_EXCEEDED with its path) rather than walked.
 */
export function installPreview(definition: unknown): InstallPreview {
  const targets: InstallTarget[] = [];
  const covered = new Set<string>();
  const found: { path: string; url: string }[] = [];
  const stack: { value: unknown; place: Place | undefined }[] = [{ value: definition, place: undefined }];
  while (stack.length > 0) {
    const { value, place } = stack.pop()!;
    const depth = place?.depth ?? 0;
    if (typeof value === 'string') {
      for (const match of value.matchAll(URL_IN_TEXT)) found.push({ path: pathOf(place), url: match[0] });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_WALK_DEPTH) {
      throw new AgentFlowError('AF_LIMIT_EXCEEDED', `the workflow is nested deeper than ${MAX_WALK_DEPTH}`, {
        issues: [{ code: 'AF_LIMIT_EXCEEDED', path: pathOf(place), message: 'nested too deep' }],
      });
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        stack.push({ value: item, place: { parent: place, key: i, depth: depth + 1 } });
      });
    } else {
      const record = value as Record<string, unknown>;
      if (record.type === 'agent' || record.type === 'tool')
        nodeTargets(record, pathOf(place), targets, covered);
      for (const [key, item] of Object.entries(record)) {
        stack.push({ value: item, place: { parent: place, key, depth: depth + 1 } });
      }
    }
  }
  for (const { path, url } of found) {
    if (!covered.has(path)) targets.push(withHost({ kind: 'url', path, url }));
  }
  targets.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const digest = createHash('sha256').update(JSON.stringify(targets)).digest('hex');
  return { digest, targets };
}

/** One line for a person: what the target is and where it leads. */
export function describeTarget(target: InstallTarget): string {
  switch (target.kind) {
    case 'model':
      return `model ${target.provider}/${target.model} at ${target.url ?? "the provider's configured endpoint"}`;
    case 'tool':
      return `tool ${target.tool} (its URLs are chosen at run time)`;
    default:
      return `URL ${target.url}`;
  }
}

/**
 * Throws AF_CONFIRMATION_REQUIRED (each target an issue at its path; `details` = the preview) unless the
 * workflow reaches nothing external or `confirm` is the digest of its current targets.
 */
export function requireConfirmation(
  preview: InstallPreview,
  confirm: string | undefined,
  what: string,
): void {
  if (preview.targets.length === 0 || confirm === preview.digest) return;
  const issues: Issue[] = preview.targets.map((t) => ({
    code: 'AF_CONFIRMATION_REQUIRED',
    path: t.path,
    message: describeTarget(t),
  }));
  const message =
    confirm === undefined
      ? `${what} reaches ${preview.targets.length} external targets: review them, then repeat with confirm set to the digest`
      : `confirm does not match the external targets of ${what} (it changed since the preview): review them again`;
  throw new AgentFlowError('AF_CONFIRMATION_REQUIRED', message, {
    issues,
    details: { digest: preview.digest, targets: preview.targets },
  });
}
