import { describe, expect, it } from 'vitest';
import type { Role } from '@palliance/core';
import type { Actor } from './actor';
import { assertCan, can } from './permissions';

const actor = (...roles: [Role, string | null][]): Actor => ({
  id: 'u',
  email: 'u@example.org',
  sessionHash: 'h',
  roles: roles.map(([role, scope], i) => ({ id: String(i), role, scope, scopeLabel: null })),
});

describe('can()', () => {
  it('lets nobody in when signed out', () => {
    expect(can(null, 'account.use')).toBe(false);
    expect(() => assertCan(null, 'audit.read')).toThrow(expect.objectContaining({ status: 401 }));
  });

  it('keeps administration to admins', () => {
    expect(can(actor(['admin', null]), 'admin.roles.assign')).toBe(true);
    expect(can(actor(['territory_coordinator', 'dep:73']), 'admin.users.read')).toBe(false);
    expect(() => assertCan(actor(['learner', null]), 'audit.read')).toThrow(expect.objectContaining({ status: 403 }));
  });

  it('scopes a coordinator to their department or CPTS', () => {
    const coord = actor(['territory_coordinator', 'dep:73']);
    expect(can(coord, 'territory.coordinate', { departement: '73' })).toBe(true);
    expect(can(coord, 'territory.coordinate', { departement: '06' })).toBe(false);
    expect(can(coord, 'territory.coordinate', {})).toBe(false);
    const cpts = actor(['territory_coordinator', 'cpts:11111111-1111-4111-8111-111111111111']);
    expect(can(cpts, 'territory.coordinate', { cptsId: '11111111-1111-4111-8111-111111111111' })).toBe(true);
  });

  it('gives reference editing to content editors', () => {
    expect(can(actor(['content_editor', null]), 'reference.edit')).toBe(true);
    expect(can(actor(['teacher', 'c']), 'reference.edit')).toBe(false);
  });
});
