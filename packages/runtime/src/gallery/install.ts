import type { SqlStore } from '@agentflow/store-sql';
import { AGENT_LIBRARY, GALLERY, GALLERY_VERSION } from './templates/index.js';

/**
 * Writes the gallery into the store as public, built-in templates: inserted when missing, replaced when the
 * stored copy is older than `GALLERY_VERSION` (downloads and ratings stay). Returns how many were written.
 */
export async function installGallery(store: Pick<SqlStore, 'upsertBuiltinTemplate'>): Promise<number> {
  let written = 0;
  for (const t of GALLERY) {
    const ok = await store.upsertBuiltinTemplate(
      {
        id: t.id,
        name: t.name,
        description: t.description,
        category: t.category,
        tags: t.tags,
        icon: t.icon,
        author: 'AgentFlow',
        kind: 'workflow',
        configSchema: { type: 'object' },
        defaultConfig: { workflow: { name: t.name, ...t.workflow } },
        credentials: t.credentials,
        script: t.script,
        sampleInput: t.sampleInput,
      },
      GALLERY_VERSION,
    );
    if (ok) written++;
  }
  for (const a of AGENT_LIBRARY) {
    const { script, sampleInput, ...rest } = a;
    const ok = await store.upsertBuiltinTemplate(
      { ...rest, author: 'AgentFlow', kind: 'agent', nodeType: 'agent', script, sampleInput },
      GALLERY_VERSION,
    );
    if (ok) written++;
  }
  return written;
}
