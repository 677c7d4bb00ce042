import { describe, expect, it } from 'vitest';
import type { Role } from '@palliance/core';
import type { Actor } from '../../http/actor';
import { can } from '../../http/permissions';

const actor = (...roles: [Role, string | null][]): Actor => ({
  id: 'u',
  email: 'u@example.org',
  sessionHash: 'h',
  roles: roles.map(([role, scope], i) => ({ id: String(i), role, scope, scopeLabel: null })),
});

describe('mini-RCP permissions', () => {
  it('lets the coordinators of a department organise its meetings, and no one else (an admin sees no agenda as such)', () => {
    expect(can(actor(['territory_coordinator', 'dep:73']), 'rcp.organise', { departement: '73' })).toBe(true);
    expect(can(actor(['territory_coordinator', 'dep:06']), 'rcp.organise', { departement: '73' })).toBe(false);
    expect(can(actor(['admin', null]), 'rcp.organise', { departement: '73' })).toBe(false);
    expect(can(actor(['structure_manager', 'x']), 'rcp.organise', { departement: '73' })).toBe(false);
  });
});
