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
  /** Import into this workspace, by id (overrides the workspaces named in the document). */
  workspaceId?: string;
  /** Import into this workspace, by id or by name (an operator's choice); ignored when `workspaceId` is set. */
  workspace?: string;
  createdBy?: string;
}

export interface ImportResult {
  /** Ids of workflows created, updated (stored as a new version) and left alone (same definition). */
  workflows: { created: string[]; updated: string[]; unchanged: string[] };
  templates: { created: string[]; updated: string[] };
  /**
   * Where the workflows went: one workspace id, `null` (no workspace: the operator's, as workflows the CLI runs),
   * or `'document'` (each into the workspace the document names, all of which exist here).
   */
  target: string | null | 'document';
  /**
   * Ids already used by another workspace here, given new ones (old -> new), workflows and templates alike.
   * Subworkflow references (`workflowId`) to a remapped workflow of the document were rewritten to its new id.
   */
  remapped: Record<string, string>;
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
        // Built-in gallery templates are not the workspace's: every runtime installs them on start.
        .where(
          and(
            eq(agentTemplates.builtin, false),
            options.workspaceId === undefined
              ? undefined
              : eq(agentTemplates.workspaceId, options.workspaceId),
          ),
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
          out.kind = t.kind;
          if (t.tags.length > 0) out.tags = t.tags;
          if (t.icon !== undefined) out.icon = t.icon;
          if (t.author !== undefined) out.author = t.author;
          if (t.credentials.length > 0) out.credentials = t.credentials;
          if (t.script !== undefined) out.script = t.script;
          if (t.sampleInput !== undefined) out.sampleInput = t.sampleInput;
          if (t.nodeType !== undefined) out.nodeType = t.nodeType;
          return out;
        }),
      };
    },

    async importData(json, options = {}) {
      const doc = validate(json);
      const result: ImportResult = {
        workflows: { created: [], updated: [], unchanged: [] },
        templates: { created: [], updated: [] },
        target: null,
        remapped: {},
      };
      try {
        await db.transaction(async (t) => {
          const tx = t as unknown as Db;
          const target = await resolveTarget(tx, doc, options);
          result.target = target;
          const fixed = target === 'document' ? undefined : (target ?? undefined);
          const workspaceOf = (wf: Workflow) => (target === 'document' ? wf.workspaceId : fixed);
          result.remapped = await remapForeignIds(tx, doc, workspaceOf, fixed);
          const remap = (id: string | undefined) =>
            id === undefined ? undefined : (result.remapped[id] ?? id);
          for (const original of doc.workflows) {
            const wf = rewriteReferences(original, result.remapped);
            const id = remap(wf.id) ?? randomUUID();
            const workspaceId = workspaceOf(original);
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
          for (const original of doc.templates) {
            const newId = remap(original.id);
            const tpl = newId === undefined ? original : { ...original, id: newId };
            const values = templateValues(tpl, fixed, options.createdBy);
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
        throw missingReference(error, options.workspaceId ?? options.workspace, options.createdBy);
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
 * A workspace by id, else by its name (unique): AF_NOT_FOUND or, for a name several workspaces share,
 * AF_VALIDATION listing their ids; both with the issue path `workspace`.
 */
export async function resolveWorkspace(db: Db, wanted: string): Promise<string> {
  const [byId] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, wanted));
  if (byId) return byId.id;
  const byName = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.name, wanted))
    .orderBy(asc(workspaces.createdAt))
    .limit(21);
  if (byName.length === 1) return byName[0]!.id;
  if (byName.length === 0) {
    throw new AgentFlowError('AF_NOT_FOUND', `workspace "${wanted}" not found (by id or by name)`, {
      issues: [
        { code: 'AF_NOT_FOUND', path: 'workspace', message: `no workspace with id or name "${wanted}"` },
      ],
    });
  }
  throw new AgentFlowError(
    'AF_VALIDATION',
    `several workspaces are named "${wanted}": choose one by id (${byName.map((w) => w.id).join(', ')})`,
    { issues: [{ code: 'AF_VALIDATION', path: 'workspace', message: 'ambiguous name' }] },
  );
}

/**
 * The workspace an import goes to: `workspaceId` (must exist), else `workspace` by id or by name, else the
 * workspaces the document names when every one exists here (a re-import), else the only workspace of this
 * deployment, else none when there is none. Several workspaces and nothing chosen: AF_VALIDATION (path
 * `workspace`) listing them.
 */
async function resolveTarget(
  tx: Db,
  doc: ExportDocument,
  options: ImportOptions,
): Promise<string | null | 'document'> {
  if (options.workspaceId !== undefined) {
    const [found] = await tx
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(eq(workspaces.id, options.workspaceId));
    if (!found) throw new AgentFlowError('AF_NOT_FOUND', `workspace ${options.workspaceId} not found`);
    return found.id;
  }
  if (options.workspace !== undefined) return resolveWorkspace(tx, options.workspace);
  const named = [
    ...new Set(doc.workflows.flatMap((wf) => (wf.workspaceId === undefined ? [] : [wf.workspaceId]))),
  ];
  if (named.length > 0) {
    const found = await tx
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(inArray(workspaces.id, named));
    if (found.length === named.length) return 'document';
  }
  const all = await tx
    .select({ id: workspaces.id, name: workspaces.name })
    .from(workspaces)
    .orderBy(asc(workspaces.createdAt), asc(workspaces.id))
    .limit(21);
  if (all.length === 0) return null;
  if (all.length === 1) return all[0]!.id;
  const listed = all
    .slice(0, 20)
    .map((w) => `${w.name} (${w.id})`)
    .join(', ');
  throw new AgentFlowError(
    'AF_VALIDATION',
    `${named.length > 0 ? "the document's workspace is not here and " : ''}this deployment has several ` +
      `workspaces: choose the target by id or name (${listed}${all.length > 20 ? ', ...' : ''})`,
    { issues: [{ code: 'AF_VALIDATION', path: 'workspace', message: 'several workspaces: choose one' }] },
  );
}

/**
 * Ids of the document already used here by another workspace than the one each item goes to: such an item is
 * imported as a copy with a new id (never overwriting another workspace's data). Returns old id -> new id.
 */
async function remapForeignIds(
  tx: Db,
  doc: ExportDocument,
  workspaceOf: (wf: Workflow) => string | undefined,
  templateTarget: string | undefined,
): Promise<Record<string, string>> {
  const remapped: Record<string, string> = {};
  const wfIds = doc.workflows.flatMap((wf) => (wf.id === undefined ? [] : [wf.id]));
  if (wfIds.length > 0) {
    const existing = await tx
      .select({ id: workflows.id, workspaceId: workflows.workspaceId })
      .from(workflows)
      .where(inArray(workflows.id, wfIds));
    const owner = new Map(existing.map((e) => [e.id, e.workspaceId ?? undefined]));
    for (const wf of doc.workflows) {
      if (wf.id === undefined || !owner.has(wf.id)) continue;
      if (owner.get(wf.id) !== workspaceOf(wf)) remapped[wf.id] = randomUUID();
    }
  }
  const tIds = doc.templates.flatMap((t) => (t.id === undefined ? [] : [t.id]));
  if (tIds.length > 0) {
    const existing = await tx
      .select({ id: agentTemplates.id, workspaceId: agentTemplates.workspaceId })
      .from(agentTemplates)
      .where(and(inArray(agentTemplates.id, tIds), visibleIn(undefined)));
    const owner = new Map(existing.map((e) => [e.id, e.workspaceId ?? undefined]));
    for (const t of doc.templates) {
      if (t.id === undefined || !owner.has(t.id)) continue;
      if (owner.get(t.id) !== templateTarget) remapped[t.id] = randomUUID();
    }
  }
  return remapped;
}

/**
 * The workflow with every subworkflow reference (`{ type: 'subworkflow', config: { workflowId } }`, at any depth:
 * inline child workflows and loop bodies too) to a remapped id rewritten to the new id.
 */
function rewriteReferences(wf: Workflow, remapped: Record<string, string>): Workflow {
  if (Object.keys(remapped).length === 0) return wf;
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = walk(item);
    const config = out.config as Record<string, unknown> | undefined;
    if (out.type === 'subworkflow' && typeof config?.workflowId === 'string' && remapped[config.workflowId]) {
      out.config = { ...config, workflowId: remapped[config.workflowId] };
    }
    return out;
  };
  return walk(wf) as Workflow;
}

/** Same definition apart from the bookkeeping fields the store fills in. */
function sameDefinition(stored: Workflow, incoming: Workflow): boolean {
  const strip = ({ id: _id, version: _v, workspaceId: _w, ...rest }: Workflow) => rest;
  return canonicalJson(strip(stored)) === canonicalJson(strip(incoming));
}
