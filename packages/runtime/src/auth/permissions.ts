/**
 * Roles and permissions (the product brief's model), in one table that every route, GraphQL field and
 * WebSocket subscription consults. Roles are ordered: owner > admin > member > viewer.
 */
export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'workflow:create',
  'workflow:read',
  'workflow:update',
  'workflow:delete',
  'workflow:execute',
  'execution:read',
  'execution:cancel',
  'execution:approve',
  'template:read',
  'template:publish',
  'credential:read',
  'credential:manage',
  'member:read',
  'member:manage',
  'apikey:manage',
  'audit:read',
  'workspace:manage',
  'provider:read',
  'provider:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const VIEWER: Permission[] = [
  'workflow:read',
  'execution:read',
  'template:read',
  'member:read',
  'provider:read',
];
const MEMBER: Permission[] = [
  ...VIEWER,
  'workflow:create',
  'workflow:update',
  'workflow:delete',
  'workflow:execute',
  'execution:cancel',
  'execution:approve',
  'credential:read',
];
const ADMIN: Permission[] = [
  ...MEMBER,
  'template:publish',
  'credential:manage',
  'member:manage',
  'apikey:manage',
  'audit:read',
  'provider:manage',
];
const OWNER: Permission[] = [...ADMIN, 'workspace:manage'];

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  owner: new Set(OWNER),
  admin: new Set(ADMIN),
  member: new Set(MEMBER),
  viewer: new Set(VIEWER),
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** Who is calling, once authenticated: a user session or an API key, always within one workspace. */
export interface Principal {
  kind: 'user' | 'apiKey';
  userId: string;
  workspaceId: string;
  role: Role;
  /** Rate-limit tier of the workspace's plan. */
  plan: 'free' | 'pro' | 'enterprise';
  apiKeyId?: string;
  /** Login session of a user token (what logout revokes). */
  sessionId?: string;
}
