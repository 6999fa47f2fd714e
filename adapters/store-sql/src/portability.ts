/**
 * Export and import of workflows and templates as plain JSON. Import validates the whole document with the
 * protocol's zod schemas first (AF_VALIDATION listing every issue, nothing written), then writes everything in
 * one transaction. Nothing in a document is executed or revived: it is data.
 */
import { randomUUID } from 'node:crypto';
import { AgentFlowError, DEFAULT_LIMITS, type Issue, Workflow } from '@agentflow/protocol';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from './db.js';
import { missingReference } from './errors.js';
import { unwrapJson } from './json.js';
import { agentTemplates, workflows, workspaces } from './schema.js';
import { TemplateInput, templateValues, toTemplate, visibleIn } from './templates.js';
import { canonicalJson, validationError, zodIssues } from './validation.js';
import { insertWorkflow, nextVersion } from './workflows.js';

export const EXPORT_FORMAT = 'agentflow.export';

export const ExportDocument = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: z.string().optional(),
  workflows: z.array(Workflow).default([]),
  templates: z.array(TemplateInput).default([]),
});
export type ExportDocument = z.output<typeof ExportDocument>;

export interface ImportOptions {
  /** Import into this workspace (overrides the workspace named in the document). */
  workspaceId?: string;
  createdBy?: string;
}

export interface ImportResult {
  /** Ids of workflows created, updated (stored as a new version) and left alone (same definition). */
  workflows: { created: string[]; updated: string[]; unchanged: string[] };
  templates: { created: string[]; updated: string[] };
}

export interface Portability {
  /** Current definitions of the workflows (and the templates) of a workspace, or of everything. */
  exportData(options?: { workspaceId?: string }): Promise<ExportDocument>;
  /** `json` is the document or its text. */
  importData(json: unknown, options?: ImportOptions): Promise<ImportResult>;
}

export function createPortability(db: Db): Portability {
  return {
    async exportData(options = {}) {
      const wfRows = await db
        .select({ definition: workflows.definition })
        .from(workflows)
        .where(options.workspaceId === undefined ? undefined : eq(workflows.workspaceId, options.workspaceId))
        .orderBy(asc(workflows.createdAt), asc(workflows.id));
      const tRows = await db
        .select()
        .from(agentTemplates)
        .where(
          options.workspaceId === undefined ? undefined : eq(agentTemplates.workspaceId, options.workspaceId),
        )
        .orderBy(asc(agentTemplates.createdAt), asc(agentTemplates.id));
      return {
        format: EXPORT_FORMAT,
        version: 1,
        exportedAt: new Date().toISOString(),
        workflows: wfRows.map((r) => unwrapJson(r.definition) as Workflow),
        templates: tRows.map((row) => {
          const t = toTemplate(row);
          const out: z.output<typeof TemplateInput> = {
            id: t.id,
            name: t.name,
            configSchema: t.configSchema,
            isPublic: t.isPublic,
          };
          if (t.description !== undefined) out.description = t.description;
          if (t.category !== undefined) out.category = t.category;
          if (t.iconUrl !== undefined) out.iconUrl = t.iconUrl;
          if (t.defaultConfig !== undefined) out.defaultConfig = t.defaultConfig;
          return out;
        }),
      };
    },

    async importData(json, options = {}) {
      const doc = validate(json);
      const result: ImportResult = {
        workflows: { created: [], updated: [], unchanged: [] },
        templates: { created: [], updated: [] },
      };
      try {
        await db.transaction(async (t) => {
          const tx = t as unknown as Db;
          await checkTargets(tx, doc, options);
          for (const wf of doc.workflows) {
            const id = wf.id ?? randomUUID();
            const workspaceId = options.workspaceId ?? wf.workspaceId;
            const [current] = await tx
              .select({ definition: workflows.definition })
              .from(workflows)
              .where(eq(workflows.id, id))
              .for('update');
            if (!current) {
              await insertWorkflow(tx, wf, { id, workspaceId, createdBy: options.createdBy });
              result.workflows.created.push(id);
            } else if (sameDefinition(unwrapJson(current.definition) as Workflow, wf)) {
              result.workflows.unchanged.push(id);
            } else {
              await nextVersion(tx, id, wf, { createdBy: options.createdBy });
              result.workflows.updated.push(id);
            }
          }
          for (const tpl of doc.templates) {
            const values = templateValues(tpl, options.workspaceId, options.createdBy);
            if (tpl.id === undefined) {
              const [row] = await tx
                .insert(agentTemplates)
                .values(values)
                .returning({ id: agentTemplates.id });
              result.templates.created.push(row!.id);
              continue;
            }
            const [row] = await tx
              .insert(agentTemplates)
              .values(values)
              .onConflictDoUpdate({
                target: agentTemplates.id,
                set: { ...values, updatedAt: sql`now()` },
              })
              .returning({ id: agentTemplates.id, inserted: sql<boolean>`(xmax = 0)` });
            (row?.inserted ? result.templates.created : result.templates.updated).push(tpl.id);
          }
        });
      } catch (error) {
        throw missingReference(error, options.workspaceId, options.createdBy);
      }
      return result;
    },
  };
}

function validate(json: unknown): ExportDocument {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw validationError('import file', [
        { code: 'AF_VALIDATION', path: '', message: `not valid JSON: ${(error as Error).message}` },
      ]);
    }
  }
  const parsed = ExportDocument.safeParse(value);
  if (!parsed.success) throw validationError('import file', zodIssues(parsed.error));
  const doc = parsed.data;
  const issues: Issue[] = [];
  const seen = new Set<string>();
  doc.workflows.forEach((wf, i) => {
    if (wf.id !== undefined) {
      if (seen.has(wf.id)) {
        issues.push({
          code: 'AF_DUPLICATE_ID',
          path: `workflows[${i}].id`,
          message: `workflow id ${wf.id} repeats`,
        });
      }
      seen.add(wf.id);
    }
    const bytes = Buffer.byteLength(JSON.stringify(wf));
    if (bytes > DEFAULT_LIMITS.maxDefinitionBytes) {
      issues.push({
        code: 'AF_LIMIT_EXCEEDED',
        path: `workflows[${i}]`,
        message: `definition is ${bytes} bytes (limit ${DEFAULT_LIMITS.maxDefinitionBytes})`,
      });
    }
  });
  const seenTemplates = new Set<string>();
  doc.templates.forEach((t, i) => {
    if (t.id === undefined) return;
    if (seenTemplates.has(t.id)) {
      issues.push({
        code: 'AF_DUPLICATE_ID',
        path: `templates[${i}].id`,
        message: `template id ${t.id} repeats`,
      });
    }
    seenTemplates.add(t.id);
  });
  if (issues.length > 0) throw validationError('import file', issues);
  return doc;
}

/**
 * Refuses (before writing anything) to overwrite a workflow or template that belongs to another workspace, and
 * names a missing target workspace.
 */
async function checkTargets(tx: Db, doc: ExportDocument, options: ImportOptions): Promise<void> {
  const targets = new Set<string>();
  if (options.workspaceId !== undefined) targets.add(options.workspaceId);
  else for (const wf of doc.workflows) if (wf.workspaceId !== undefined) targets.add(wf.workspaceId);
  if (targets.size > 0) {
    const found = await tx
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(inArray(workspaces.id, [...targets]));
    const missing = [...targets].filter((id) => !found.some((f) => f.id === id));
    if (missing.length > 0)
      throw new AgentFlowError('AF_NOT_FOUND', `workspace ${missing.join(', ')} not found`);
  }
  const issues: Issue[] = [];
  const wfIds = doc.workflows.flatMap((wf) => (wf.id === undefined ? [] : [wf.id]));
  if (wfIds.length > 0) {
    const existing = await tx
      .select({ id: workflows.id, workspaceId: workflows.workspaceId })
      .from(workflows)
      .where(inArray(workflows.id, wfIds));
    const owner = new Map(existing.map((e) => [e.id, e.workspaceId ?? undefined]));
    doc.workflows.forEach((wf, i) => {
      if (wf.id === undefined || !owner.has(wf.id)) return;
      const target = options.workspaceId ?? wf.workspaceId;
      if (owner.get(wf.id) !== target) {
        issues.push({
          code: 'AF_DUPLICATE_ID',
          path: `workflows[${i}].id`,
          message: `workflow id ${wf.id} is already used outside this workspace; remove the id to import a copy`,
        });
      }
    });
  }
  const tIds = doc.templates.flatMap((t) => (t.id === undefined ? [] : [t.id]));
  if (tIds.length > 0) {
    const existing = await tx
      .select({ id: agentTemplates.id, workspaceId: agentTemplates.workspaceId })
      .from(agentTemplates)
      .where(and(inArray(agentTemplates.id, tIds), visibleIn(undefined)));
    const owner = new Map(existing.map((e) => [e.id, e.workspaceId ?? undefined]));
    doc.templates.forEach((t, i) => {
      if (t.id === undefined || !owner.has(t.id)) return;
      if (owner.get(t.id) !== options.workspaceId) {
        issues.push({
          code: 'AF_DUPLICATE_ID',
          path: `templates[${i}].id`,
          message: `template id ${t.id} is already used outside this workspace; remove the id to import a copy`,
        });
      }
    });
  }
  if (issues.length > 0) throw validationError('import file', issues);
}

/** Same definition apart from the bookkeeping fields the store fills in. */
function sameDefinition(stored: Workflow, incoming: Workflow): boolean {
  const strip = ({ id: _id, version: _v, workspaceId: _w, ...rest }: Workflow) => rest;
  return canonicalJson(strip(stored)) === canonicalJson(strip(incoming));
}
