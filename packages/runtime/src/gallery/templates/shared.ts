/** What every gallery template is made of, and the helpers they are written with. */
import type { TemplateCredentialRequirement } from '@agentflow/protocol';

export interface GalleryTemplate {
  id: string;
  name: string;
  description: string;
  category: string;
  tags: string[];
  icon: string;
  workflow: Record<string, unknown>;
  credentials: TemplateCredentialRequirement[];
  script: Record<string, unknown>;
  sampleInput: unknown;
  /** What a person answers at each human node when the gallery test runs it (node id -> payload). */
  approvals?: Record<string, unknown>;
}

export const MODEL = { provider: 'openai', model: 'gpt-4o-mini' } as const;
export const OPENAI: TemplateCredentialRequirement = {
  key: 'openai',
  type: 'openai',
  description: 'An OpenAI API key (or run it offline with its script)',
  optional: true,
};

export function agent(id: string, name: string, systemPrompt: string, prompt: string, extra: object = {}) {
  return { id, type: 'agent', name, config: { ...MODEL, systemPrompt, prompt, ...extra } };
}
export function link(from: string, to: string, sourceHandle?: string) {
  return {
    id: `${from}-${to}${sourceHandle ? `-${sourceHandle}` : ''}`,
    sourceAgentId: from,
    targetAgentId: to,
    ...(sourceHandle ? { sourceHandle } : {}),
  };
}
export const input = { id: 'in', type: 'input' };
export const output = (value?: string) => ({
  id: 'out',
  type: 'output',
  ...(value ? { config: { value } } : {}),
});
