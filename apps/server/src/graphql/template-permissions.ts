/**
 * The permission of each templates marketplace field (graphql/templates.ts), the same as the REST routes'. Its
 * own module so that resolvers.ts can include it in FIELD_PERMISSIONS without an import cycle.
 */
import type { Permission } from '@agentflow/runtime';

/** The permission of each template field (the same as the REST routes'). */
export const TEMPLATE_FIELD_PERMISSIONS = {
  'Query.template': 'template:read',
  'Query.templates': 'template:read',
  'Query.templateCategories': 'template:read',
  'Query.templateInstallPreview': 'workflow:create',
  'Template.versions': 'template:read',
  'Template.reviews': 'template:read',
  'Mutation.publishTemplate': 'template:publish',
  'Mutation.updateTemplate': 'template:publish',
  'Mutation.unpublishTemplate': 'template:publish',
  'Mutation.rateTemplate': 'template:read',
  'Mutation.unrateTemplate': 'template:read',
  'Mutation.installTemplate': 'workflow:create',
  'Mutation.instantiateTemplate': 'workflow:create',
} as const satisfies Record<string, Permission>;
