/**
 * Validation problems of the workflow being edited, placed where they belong: `agents[3].config.model` goes to
 * the node that was fourth when validated (field `model`), `connections[1].condition` to that edge.
 */
export interface Issue {
  code: string;
  path: string;
  message: string;
}

export interface PlacedIssues {
  /** Per node id: its issues, each with the field path inside the node (`config.model`, or '' for the node). */
  nodes: Record<string, (Issue & { field: string })[]>;
  edges: Record<string, (Issue & { field: string })[]>;
  /** Issues of the workflow as a whole. */
  general: Issue[];
}

export const NO_ISSUES: PlacedIssues = { nodes: {}, edges: {}, general: [] };

const ITEM = /^(agents|connections)\[(\d+)\]\.?(.*)$/;

export function placeIssues(
  issues: readonly Issue[],
  nodeIds: readonly string[],
  edgeIds: readonly string[],
): PlacedIssues {
  const placed: PlacedIssues = { nodes: {}, edges: {}, general: [] };
  for (const issue of issues) {
    const match = ITEM.exec(issue.path);
    const id = match ? (match[1] === 'agents' ? nodeIds : edgeIds)[Number(match[2])] : undefined;
    if (!match || id === undefined) {
      placed.general.push(issue);
      continue;
    }
    const bucket = match[1] === 'agents' ? placed.nodes : placed.edges;
    const list = bucket[id] ?? [];
    list.push({ ...issue, field: match[3] ?? '' });
    bucket[id] = list;
  }
  return placed;
}

/** rjsf `extraErrors` for a node's config form: `{ model: { __errors: ['AF_X: ...'] } }`. */
export function configErrorSchema(issues: readonly (Issue & { field: string })[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const issue of issues) {
    if (!issue.field.startsWith('config')) continue;
    const parts = issue.field
      .replace(/^config\.?/, '')
      .split(/\.|\[(\d+)\]/)
      .filter((p) => p !== undefined && p !== '');
    let at = root as Record<string, unknown> & { __errors?: string[] };
    for (const part of parts) {
      if (typeof at[part] !== 'object' || at[part] === null) at[part] = {};
      at = at[part] as typeof at;
    }
    at.__errors = [...(at.__errors ?? []), `${issue.code}: ${issue.message}`];
  }
  return root;
}
