/** Runs a gallery template on an engine with its scripted provider (for the gallery tests). */
import { createEngine, type ModelRequest, type RunResult, type ToolHost } from '@agentflow/core';
import { createScriptedProvider, type Script, type ScriptedProvider } from '@agentflow/testing';
import { expect } from 'vitest';
import { GALLERY, type GalleryTemplate } from '../gallery/templates/index.js';

export function galleryTemplate(id: string): GalleryTemplate {
  const found = GALLERY.find((t) => t.id === id);
  if (!found) throw new Error(`no template ${id}`);
  return found;
}

/** Replaces every occurrence of `from` in the strings of a JSON value. */
export function rewrite<T>(value: T, from: string, to: string): T {
  return JSON.parse(JSON.stringify(value).replaceAll(from, to)) as T;
}

/**
 * Runs a template with its script (or `script`), answering its human nodes and tool approvals as `approvals`
 * says, and expects it to succeed.
 */
export async function runTemplate(
  t: GalleryTemplate,
  tools: ToolHost,
  options: { input?: unknown; script?: Record<string, unknown>; approvals?: Record<string, unknown> } = {},
): Promise<{ result: RunResult; provider: ScriptedProvider }> {
  const provider = createScriptedProvider((options.script ?? t.script) as Script);
  const engine = createEngine({ models: provider, tools });
  try {
    const workflow = { name: t.name, ...t.workflow };
    const valid = engine.validate(workflow);
    expect(valid.ok ? [] : valid.issues).toEqual([]);
    let result = await engine.run(workflow, options.input ?? t.sampleInput);
    for (const [node, payload] of Object.entries(options.approvals ?? t.approvals ?? {})) {
      expect(result.status, `${t.id} waits at ${node}`).toBe('paused');
      result = await engine.approve(result.executionId, node, payload);
    }
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('succeeded');
    return { result, provider };
  } finally {
    await engine.close();
  }
}

/** The requests whose system prompt contains `system`. */
export const asked = (provider: ScriptedProvider, system: string): ModelRequest[] =>
  provider.calls.filter((r) => r.system?.includes(system));

/** The last user message of a request. */
export function lastUser(r: ModelRequest | undefined): string {
  const users = (r?.messages ?? []).filter((m) => m.role === 'user');
  return String(users.at(-1)?.content ?? '');
}

/** The tool results a request carried back to the model, as JSON text. */
export const toolResults = (r: ModelRequest | undefined): string =>
  JSON.stringify((r?.messages ?? []).filter((m) => m.role === 'tool'));
