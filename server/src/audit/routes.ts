import { auditListQuery, auditListSchema } from '@palliance/core';
import type { AppInstance } from '../app-types';
import { listAuditEvents } from './list-audit-events';

export async function auditRoutes(app: AppInstance): Promise<void> {
  app.get(
    '/api/v1/admin/audit',
    { config: { access: 'audit.read' }, schema: { tags: ['Administration'], summary: "Journal d'audit", querystring: auditListQuery, response: { 200: auditListSchema } } },
    async (req) => listAuditEvents(app.deps, req.actor, req.query),
  );
}
