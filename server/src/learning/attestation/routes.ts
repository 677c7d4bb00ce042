import { z } from 'zod';
import { attestationPublicSchema, attestationSchema, revocationBodySchema } from '@palliance/core';
import type { AppInstance } from '../../app-types';
import { badInput, notFound } from '../../http/errors';
import { attestationPdf } from './attestation-pdf';
import { attestationForHolderOrTeacher, courseAttestations, myAttestations, publicAttestation } from './read-attestations';
import { assertCan } from '../../http/permissions';
import { revokeAttestation } from './revoke-attestation';

const tags = ['Se former : attestations'];
// The code is checked in the handler so that a malformed one gets the same "introuvable" as an unknown one.
const codeParams = z.object({ code: z.string().max(60) });
const courseParams = z.object({ id: z.uuid({ error: "L'identifiant du cours n'est pas valide." }) });
const wellFormed = (code: string) => /^[A-Z0-9-]{8,40}$/i.test(code.trim());

export async function attestationRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;

  app.get(
    '/api/v1/attestations/:code',
    {
      // Public and unauthenticated: limited so the code space cannot be scanned.
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Vérifier une attestation (public, sans connexion)', params: codeParams, response: { 200: attestationPublicSchema } },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      if (!wellFormed(req.params.code)) return publicAttestation(deps, 'INVALIDE');
      return publicAttestation(deps, req.params.code);
    },
  );

  app.get('/api/v1/me/attestations', { config: { access: 'user' }, schema: { tags, summary: 'Mes attestations', response: { 200: z.array(attestationSchema) } } }, async (req) =>
    myAttestations(deps, req.actor),
  );

  app.get(
    '/api/v1/courses/:id/attestations',
    { config: { access: 'user' }, schema: { tags, summary: 'Attestations délivrées pour un cours (équipe enseignante)', params: courseParams, response: { 200: z.array(attestationSchema) } } },
    async (req) => {
      assertCan(req.actor, 'learning.teach', { courseId: req.params.id });
      return courseAttestations(deps, req.params.id);
    },
  );

  app.get(
    '/api/v1/attestations/:code/pdf',
    { config: { access: 'user' }, schema: { tags, summary: "L'attestation en PDF (son titulaire, l'équipe du cours)", params: codeParams } },
    async (req, reply) => {
      // A malformed code (a NUL byte would make the database fail) is simply not found.
      if (!wellFormed(req.params.code)) throw notFound('Attestation introuvable.');
      const row = await attestationForHolderOrTeacher(deps, req.actor, req.params.code);
      const pdf = await attestationPdf(row, deps.config.publicUrl);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="attestation-${row.code}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(pdf));
    },
  );

  app.post(
    '/api/v1/attestations/:code/revocation',
    { config: { access: 'user' }, schema: { tags, summary: "Révoquer une attestation (équipe du cours ou administrateur)", params: codeParams, body: revocationBodySchema, response: { 200: attestationSchema } } },
    async (req) => {
      if (!wellFormed(req.params.code)) throw badInput('code', "Ce code de vérification n'a pas la bonne forme.");
      return revokeAttestation(deps, req.actor, req.params.code, req.body.reason, req.ctx);
    },
  );
}
