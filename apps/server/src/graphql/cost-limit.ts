/**
 * A query cost limit (the depth limit is mercurius' own `queryDepth`). Every field costs 1; a field with a
 * `limit` or `first` argument multiplies what is selected under it by that page size (a variable counts as the
 * maximum page size, since validation results are cached per query text; both given: the larger); any other
 * list field multiplies by LIST_ESTIMATE. The `items` of a page and the `nodes` (or `items`) of a connection are
 * already counted by the page size.
 */
import type {
  FieldNode,
  GraphQLCompositeType,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
} from 'graphql';
import { graphql } from './graphql-lib.js';

const { GraphQLError, getNamedType, getNullableType, isCompositeType, isListType, isObjectType, Kind } =
  graphql;

/** Assumed length of a list without a `limit` argument (agents of a workflow, steps of an execution...). */
export const LIST_ESTIMATE = 20;
/** Largest page a `limit` may ask for (the services' maximum). */
export const MAX_PAGE = 500;
/** Default page size when `limit` is omitted. */
const DEFAULT_PAGE = 50;

export function costLimitRule(maxCost: number): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(node) {
      const root =
        node.operation === 'query'
          ? context.getSchema().getQueryType()
          : node.operation === 'mutation'
            ? context.getSchema().getMutationType()
            : context.getSchema().getSubscriptionType();
      if (!root) return;
      const cost = selectionCost(context, node.selectionSet, root, new Set());
      if (cost > maxCost) {
        context.reportError(
          new GraphQLError(`query cost ${cost} exceeds the limit of ${maxCost}; ask for smaller pages`, {
            nodes: [node],
            extensions: { code: 'AF_LIMIT_EXCEEDED', cost, maxCost },
          }),
        );
      }
    },
  });
}

function selectionCost(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  type: GraphQLCompositeType,
  fragments: Set<string>,
): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      cost += fieldCost(context, selection, type, fragments);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const typeName = selection.typeCondition?.name.value;
      const inner = typeName ? context.getSchema().getType(typeName) : type;
      if (inner && isCompositeType(inner))
        cost += selectionCost(context, selection.selectionSet, inner, fragments);
    } else {
      const name = selection.name.value;
      const fragment = context.getFragment(name);
      if (!fragment || fragments.has(name)) continue;
      const inner = context.getSchema().getType(fragment.typeCondition.name.value);
      if (!inner || !isCompositeType(inner)) continue;
      fragments.add(name);
      cost += selectionCost(context, fragment.selectionSet, inner, fragments);
      fragments.delete(name);
    }
  }
  return cost;
}

function fieldCost(
  context: ValidationContext,
  field: FieldNode,
  parent: GraphQLCompositeType,
  fragments: Set<string>,
): number {
  if (!field.selectionSet || !isObjectType(parent)) return 1;
  const definition = parent.getFields()[field.name.value];
  if (!definition) return 1;
  const inner = getNamedType(definition.type);
  if (!isCompositeType(inner)) return 1;
  let multiplier = 1;
  const sizeArgs = definition.args.filter((a) => a.name === 'limit' || a.name === 'first');
  if (sizeArgs.length > 0) {
    const given = (field.arguments ?? []).filter((a) => a.name.value === 'limit' || a.name.value === 'first');
    multiplier =
      given.length === 0
        ? DEFAULT_PAGE
        : Math.max(
            ...given.map(({ value }) =>
              value.kind === Kind.INT ? Math.min(Math.max(Number(value.value), 1), MAX_PAGE) : MAX_PAGE,
            ),
          );
  } else if (isListType(getNullableType(definition.type)) && !isPageItems(field.name.value, parent)) {
    multiplier = LIST_ESTIMATE;
  }
  return 1 + multiplier * selectionCost(context, field.selectionSet, inner, fragments);
}

/** `items` of a `...Page`, `items` or `nodes` of a `...Connection` (not the workflow's edge type `Connection`). */
function isPageItems(field: string, type: GraphQLCompositeType): boolean {
  if (type.name.endsWith('Page')) return field === 'items';
  return /.Connection$/.test(type.name) && (field === 'items' || field === 'nodes');
}
