/**
 * The workflow a template installs as (issue 16): a workflow template's embedded definition (scrubbed of the
 * publisher's ids) or an agent template's one configured node wired input -> node -> output, with the
 * credentials the install mapped bound to it.
 */
import { compileJsonSchema } from '@agentflow/core';
import {
  AgentFlowError,
  type Issue,
  type TemplateCredentialRequirement,
  type WorkflowInput,
} from '@agentflow/protocol';
import type { TemplateRecord } from '@agentflow/store-sql';
import { isPlainObject, scrubWorkflow } from './template-input.js';

/** What instantiating a template may override. */
export interface InstantiateOptions {
  /** Name of the new workflow. (Default: the template's name) */
  name?: string;
  description?: string;
  /** Node type of an agent template's node. (Default: the template's `nodeType`, else `agent`) */
  nodeType?: string;
  /** Merged over the template's `defaultConfig`, then checked against its `configSchema`. */
  config?: Record<string, unknown>;
  /**
   * The digest of the workflow's external targets (`previewInstall`, or the AF_CONFIRMATION_REQUIRED error's
   * details). Required when the workflow reaches anything external (a model, a tool, a URL). (Default: none)
   */
  confirm?: string;
  /**
   * Requirement key -> name of a credential of the caller's workspace (of the requirement's type). An unmapped
   * key takes the workspace's only credential of that type. (Default: none)
   */
  credentials?: Record<string, string>;
}

/** A requirement as the install preview shows it, with the caller's matching credentials. */
export interface InstallCredential extends TemplateCredentialRequirement {
  candidates: string[];
  mapped?: string;
}

/**
 * The installed workflow runs with the credentials the install mapped: `config.credentials` (credential type ->
 * name) is what the model providers and built-in tools pick at run time. Two requirements of one type mapped to
 * different credentials is AF_VALIDATION at the second's `credentials.<key>`.
 */
export function bindCredentials(definition: WorkflowInput, creds: InstallCredential[]): WorkflowInput {
  const chosen: Record<string, string> = {};
  const issues: Issue[] = [];
  for (const c of creds) {
    if (c.mapped === undefined) continue;
    const earlier = chosen[c.type];
    if (earlier !== undefined && earlier !== c.mapped) {
      issues.push({
        code: 'AF_VALIDATION',
        path: `credentials.${c.key}`,
        message: `a workflow uses one credential of type ${c.type}: ${earlier} is already mapped`,
      });
    }
    chosen[c.type] = c.mapped;
  }
  if (issues.length > 0)
    throw new AgentFlowError('AF_VALIDATION', 'the credentials the template needs are not mapped', {
      issues,
    });
  if (Object.keys(chosen).length === 0) return definition;
  const config = isPlainObject(definition.config) ? definition.config : {};
  return { ...definition, config: { ...config, credentials: chosen } } as WorkflowInput;
}

export function workflowFromTemplate(template: TemplateRecord, options: InstantiateOptions): WorkflowInput {
  const defaults = template.defaultConfig ?? {};
  const name = options.name ?? template.name;
  const description = options.description ?? template.description;
  const embedded = defaults.workflow;
  if (typeof embedded === 'object' && embedded !== null && !Array.isArray(embedded)) {
    const rest = scrubWorkflow(embedded as Record<string, unknown>);
    return { ...rest, name, ...(description ? { description } : {}) } as WorkflowInput;
  }
  const config = { ...defaults, ...options.config };
  const issues: Issue[] = compileJsonSchema(
    template.configSchema,
    'AF_INVALID_CONFIG',
  )(config).map((i) => ({
    ...i,
    path: i.path ? `config.${i.path}` : 'config',
  }));
  if (issues.length > 0) {
    throw new AgentFlowError('AF_VALIDATION', `the config does not match template ${template.id}`, {
      issues,
    });
  }
  return {
    name,
    ...(description ? { description } : {}),
    agents: [
      { id: 'input', type: 'input' },
      {
        id: 'agent',
        type: options.nodeType ?? template.nodeType ?? 'agent',
        name: template.name,
        config,
      },
      { id: 'output', type: 'output' },
    ],
    connections: [
      { id: 'input-agent', sourceAgentId: 'input', targetAgentId: 'agent' },
      { id: 'agent-output', sourceAgentId: 'agent', targetAgentId: 'output' },
    ],
  };
}
