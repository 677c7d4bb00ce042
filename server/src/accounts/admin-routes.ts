import { z } from 'zod';
import { adminUserListQuery, adminUserListSchema, adminUserSchema, roleGrantBody } from '@palliance/core';
import type { AppInstance } from '../app-types';
import { grantRole, listUsers, revokeRole, setUserDisabled } from './admin-users';

const userParams = z.object({ id: z.uuid({ error: "L'identifiant de l'utilisateur n'est pas valide." }) });
const grantParams = userParams.extend({ grantId: z.uuid({ error: "L'identifiant du rôle n'est pas valide." }) });

export async function adminRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;
  const tags = ['Administration'];
  app.get('/api/v1/admin/users', { config: { access: 'admin.users.read' }, schema: { tags, querystring: adminUserListQuery, response: { 200: adminUserListSchema } } }, async (req) =>
    listUsers(deps, req.actor, req.query),
  );
  app.post(
    '/api/v1/admin/users/:id/roles',
    { config: { access: 'admin.roles.assign' }, schema: { tags, params: userParams, body: roleGrantBody, response: { 200: adminUserSchema } } },
    async (req) => grantRole(deps, req.actor, req.params.id, req.body, req.ctx),
  );
  app.delete(
    '/api/v1/admin/users/:id/roles/:grantId',
    { config: { access: 'admin.roles.assign' }, schema: { tags, params: grantParams, response: { 200: adminUserSchema } } },
    async (req) => revokeRole(deps, req.actor, req.params.id, req.params.grantId, req.ctx),
  );
  app.post('/api/v1/admin/users/:id/disable', { config: { access: 'admin.users.manage' }, schema: { tags, params: userParams, response: { 200: adminUserSchema } } }, async (req) =>
    setUserDisabled(deps, req.actor, req.params.id, true, req.ctx),
  );
  app.post('/api/v1/admin/users/:id/enable', { config: { access: 'admin.users.manage' }, schema: { tags, params: userParams, response: { 200: adminUserSchema } } }, async (req) =>
    setUserDisabled(deps, req.actor, req.params.id, false, req.ctx),
  );
}
