import { AgentFlowError } from '@agentflow/protocol';
import type { ModelProvider } from '../ports/model-provider.js';
import type { ToolHost } from '../ports/tool-host.js';

/** Used when the engine was given no model provider: every call fails with a clear remedy. */
export const noModels: ModelProvider = {
  async generate(request) {
    throw new AgentFlowError(
      'AF_PROVIDER_NOT_CONFIGURED',
      `no model provider is configured (requested ${request.provider}/${request.model})`,
    );
  },
};

/** Used when the engine was given no tool host: it offers no tools. */
export const noTools: ToolHost = {
  async list() {
    return [];
  },
  async call(name) {
    return { ok: false, error: { code: 'AF_UNKNOWN_TOOL', message: `no tool named "${name}" is available` } };
  },
};
