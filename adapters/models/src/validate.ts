import type { ModelRequest } from '@agentflow/core';
import { type Issue, isAgentFlowError } from '@agentflow/protocol';
import type { ProviderResolver } from './providers.js';

type Checked = Pick<ModelRequest, 'provider' | 'model' | 'fallback' | 'baseURL'>;

function join(path: string, key: string): string {
  if (key.startsWith('[')) return `${path}${key}`;
  return path ? `${path}.${key}` : key;
}

async function checkTarget(
  resolver: ProviderResolver,
  provider: unknown,
  model: unknown,
  baseURL: string | undefined,
  path: string,
  issues: Issue[],
): Promise<void> {
  if (typeof provider !== 'string' || provider === '') {
    issues.push({ code: 'AF_INVALID_CONFIG', path: join(path, 'provider'), message: 'provider is required' });
    return;
  }
  const def = resolver.definitions.get(provider);
  if (!def) {
    issues.push({
      code: 'AF_INVALID_CONFIG',
      path: join(path, 'provider'),
      message: `unknown provider "${provider}"; use one of: ${[...resolver.definitions.keys()].join(', ')}`,
    });
    return;
  }
  if (typeof model !== 'string' || model.trim() === '' || model.length > 200) {
    issues.push({
      code: 'AF_INVALID_CONFIG',
      path: join(path, 'model'),
      message: 'model must be a model id',
    });
  }
  try {
    await resolver.resolve(provider, typeof model === 'string' ? model : '', baseURL);
  } catch (error) {
    if (!isAgentFlowError(error)) throw error;
    const field =
      error.code === 'AF_CREDENTIAL_SCOPE' || error.message.includes('base URL') ? 'baseURL' : 'provider';
    issues.push({ code: error.code, path: join(path, field), message: error.message });
  }
}

/** Every configuration problem of a model request, found before the run starts. */
export async function checkModelRequest(
  resolver: ProviderResolver,
  request: Checked,
  path: string,
): Promise<Issue[]> {
  const issues: Issue[] = [];
  if (request.baseURL !== undefined) {
    try {
      const url = new URL(request.baseURL);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    } catch {
      issues.push({
        code: 'AF_INVALID_CONFIG',
        path: join(path, 'baseURL'),
        message: 'baseURL must be an http(s) URL',
      });
    }
  }
  await checkTarget(resolver, request.provider, request.model, request.baseURL, path, issues);
  const fallback: unknown = request.fallback;
  if (fallback === undefined) return issues;
  if (!Array.isArray(fallback)) {
    issues.push({
      code: 'AF_INVALID_CONFIG',
      path: join(path, 'fallback'),
      message: 'fallback must be a list of {provider, model}',
    });
    return issues;
  }
  for (const [i, entry] of fallback.entries()) {
    const at = join(join(path, 'fallback'), `[${i}]`);
    if (typeof entry !== 'object' || entry === null) {
      issues.push({
        code: 'AF_INVALID_CONFIG',
        path: at,
        message: 'each fallback must be {provider, model}',
      });
      continue;
    }
    const { provider, model } = entry as { provider?: unknown; model?: unknown };
    const baseURL =
      typeof provider === 'string' ? resolver.fallbackBaseURL({ provider }, request.baseURL) : undefined;
    await checkTarget(resolver, provider, model, baseURL, at, issues);
  }
  return issues;
}
