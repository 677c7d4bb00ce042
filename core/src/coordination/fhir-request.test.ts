import { expect, it } from 'vitest';
import { supportRequestToFhir } from './fhir-request';

it('shapes a support request as a FHIR ServiceRequest + Task with its evaluations', () => {
  const b = supportRequestToFhir({
    id: 'r1',
    patientId: 'p1',
    structureId: 's1',
    structureName: 'EMSP (démo)',
    requesterId: 'u1',
    requesterName: 'Nadia',
    reason: 'pain',
    reasonLabel: 'Douleur',
    urgency: 'emergency',
    body: 'Douleur',
    status: 'declined',
    sentAt: '2026-11-20T08:00:00.000Z',
    dueAt: '2026-11-22T08:00:00.000Z',
    firstResponseAt: '2026-11-20T09:00:00.000Z',
    closedAt: null,
    declineReason: 'Hors territoire',
    outcomeSummary: null,
    evaluations: [{ resourceType: 'QuestionnaireResponse', status: 'completed' }],
  }) as { entry: { resource: Record<string, any> }[] };
  const [sr, task, qr] = b.entry.map((e) => e.resource);
  expect(sr).toMatchObject({ resourceType: 'ServiceRequest', status: 'revoked', priority: 'stat', performer: [{ reference: 'Organization/s1' }], supportingInfo: [{ reference: 'QuestionnaireResponse/r1-1' }] });
  expect(task).toMatchObject({ resourceType: 'Task', status: 'rejected', statusReason: { text: 'Hors territoire' }, focus: { reference: 'ServiceRequest/r1' }, restriction: { period: { end: '2026-11-22T08:00:00.000Z' } } });
  expect(qr).toMatchObject({ resourceType: 'QuestionnaireResponse', id: 'r1-1', status: 'completed' });
  expect('output' in task).toBe(false);
});

it('shapes the care circle as a FHIR CareTeam, caregivers as contained RelatedPerson', async () => {
  const { careCircleToFhir } = await import('./fhir-care-team');
  const ct = careCircleToFhir({
    id: 'p1',
    firstName: 'Jeanne',
    lastName: 'Exemple',
    circle: [
      { id: 'm1', kind: 'professional', circleRole: 'gp', userId: 'u1', structureId: null, displayName: 'Dr G', relationship: '', phone: '', addedAt: '2026-11-20T08:00:00.000Z' },
      { id: 'm2', kind: 'structure', circleRole: 'structure', userId: null, structureId: 's1', displayName: 'HAD', relationship: '', phone: '', addedAt: '2026-11-20T08:00:00.000Z' },
      { id: 'm3', kind: 'caregiver', circleRole: 'caregiver', userId: null, structureId: null, displayName: 'Paul', relationship: 'fils', phone: '01 99 00 45 10', addedAt: '2026-11-20T08:00:00.000Z' },
    ],
  }) as { participant: { member: { reference: string } }[]; contained: { resourceType: string }[] };
  expect(ct.participant.map((x) => x.member.reference)).toEqual(['Practitioner/u1', 'Organization/s1', '#m3']);
  expect(ct.contained[0].resourceType).toBe('RelatedPerson');
});
