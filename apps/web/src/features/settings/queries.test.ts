import { describe, expect, it } from 'vitest';
import type { Me } from '../../lib/api.js';
import { allowed, grantableRoles } from './queries.js';
import { urlsOf } from './urls-field.js';

const me = (role: Me['role'], permissions: string[] = []): Me =>
  ({ role, permissions, user: { id: 'u', email: 'a@b.c', createdAt: 0 } }) as unknown as Me;

describe('settings permissions', () => {
  it('lets only owners grant owner, and nobody above their own role', () => {
    expect(grantableRoles(me('owner'))).toEqual(['owner', 'admin', 'member', 'viewer']);
    expect(grantableRoles(me('admin'))).toEqual(['admin', 'member', 'viewer']);
    expect(grantableRoles(me('viewer'))).toEqual(['viewer']);
    expect(grantableRoles(null)).toEqual([]);
  });

  it('reads permissions from the session', () => {
    expect(allowed(me('admin', ['member:manage']), 'member:manage')).toBe(true);
    expect(allowed(me('viewer', ['member:read']), 'member:manage')).toBe(false);
    expect(allowed(undefined, 'member:read')).toBe(false);
  });

  it('reads bound base URLs one a line, none meaning the provider endpoint', () => {
    expect(urlsOf(' https://a.test/v1 \n\n https://b.test ')).toEqual([
      'https://a.test/v1',
      'https://b.test',
    ]);
    expect(urlsOf('  \n')).toBeUndefined();
  });
});
