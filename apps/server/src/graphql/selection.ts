import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/** Whether the field being resolved selects any of `names` directly on its type (through fragments too). */
export function selects(info: GraphQLResolveInfo, names: readonly string[]): boolean {
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): boolean =>
    set?.selections.some((s) => {
      if (s.kind === 'Field') return names.includes(s.name.value);
      if (s.kind === 'InlineFragment') return visit(s.selectionSet);
      const name = s.name.value;
      if (seen.has(name)) return false;
      seen.add(name);
      return visit(info.fragments[name]?.selectionSet);
    }) ?? false;
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}
