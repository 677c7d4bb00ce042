import { describe, expect, it } from 'vitest';
import type { Role } from '@palliance/core';
import type { Actor } from '../http/actor';
import { can } from '../http/permissions';
import { actorStructureIds } from './patient-access';

const S = '11111111-1111-4111-8111-111111111111';
const actor = (...roles: [Role, string | null][]): Actor => ({
  id: 'u',
  email: 'u@example.org',
  sessionHash: 'h',
  roles: roles.map(([role, scope], i) => ({ id: String(i), role, scope, scopeLabel: null })),
});

describe('coordination permissions', () => {
  it('opens a structure inbox to its members and managers only, not to an admin', () => {
    expect(can(actor(['structure_member', S]), 'coordination.inbox', { structureId: S })).toBe(true);
    expect(can(actor(['structure_manager', S]), 'coordination.inbox', { structureId: S })).toBe(true);
    expect(can(actor(['structure_member', 'other']), 'coordination.inbox', { structureId: S })).toBe(false);
    expect(can(actor(['admin', null]), 'coordination.inbox', { structureId: S })).toBe(false);
    expect(can(actor(['territory_coordinator', 'dep:73']), 'coordination.inbox', { structureId: S })).toBe(false);
  });

  it('lets managers (and admins) set the response commitment, not members', () => {
    expect(can(actor(['structure_manager', S]), 'coordination.structure.manage', { structureId: S })).toBe(true);
    expect(can(actor(['admin', null]), 'coordination.structure.manage', { structureId: S })).toBe(true);
    expect(can(actor(['structure_member', S]), 'coordination.structure.manage', { structureId: S })).toBe(false);
  });

  it('gives circle access through the structures a user works for, and no other role', () => {
    expect(actorStructureIds(actor(['structure_member', S], ['structure_manager', 'x'], ['teacher', 'c'], ['admin', null]))).toEqual([S, 'x']);
  });
});
