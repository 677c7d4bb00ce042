import { FHIR_TASK_STATUS, type RequestStatus } from './request-status';

/** What the FHIR view of a support request needs (a subset of the API's SupportRequest). */
export interface FhirRequestSource {
  id: string;
  patientId: string;
  structureId: string;
  structureName: string;
  requesterId: string | null;
  requesterName: string;
  reason: string;
  reasonLabel: string;
  urgency: 'routine' | 'urgent' | 'emergency' | string;
  body: string;
  status: RequestStatus;
  sentAt: string;
  dueAt: string;
  firstResponseAt: string | null;
  closedAt: string | null;
  declineReason: string | null;
  outcomeSummary: string | null;
  evaluations: Record<string, unknown>[];
}

const PRIORITY: Record<string, string> = { routine: 'routine', urgent: 'urgent', emergency: 'stat' };
const SR_STATUS: Record<RequestStatus, string> = { sent: 'active', received: 'active', accepted: 'active', in_progress: 'active', declined: 'revoked', closed: 'completed' };

/**
 * A support request as FHIR R4: the ServiceRequest (what is asked, of whom, how urgently), the Task
 * that tracks the structure's work on it (status, due time, outcome) and the evaluations attached
 * (QuestionnaireResponse, kept as received), in a collection Bundle.
 */
export function supportRequestToFhir(r: FhirRequestSource): Record<string, unknown> {
  const serviceRequest = {
    resourceType: 'ServiceRequest',
    id: r.id,
    status: SR_STATUS[r.status],
    intent: 'order',
    priority: PRIORITY[r.urgency] ?? 'routine',
    code: { text: "Demande d'appui en soins palliatifs" },
    reasonCode: [{ coding: [{ system: 'urn:palliance:support-request-reason', code: r.reason, display: r.reasonLabel }], text: r.reasonLabel }],
    subject: { reference: `Patient/${r.patientId}` },
    authoredOn: r.sentAt,
    requester: r.requesterId ? { reference: `Practitioner/${r.requesterId}`, display: r.requesterName } : { display: r.requesterName },
    performer: [{ reference: `Organization/${r.structureId}`, display: r.structureName }],
    note: r.body ? [{ text: r.body }] : undefined,
    supportingInfo: r.evaluations.map((_, i) => ({ reference: `QuestionnaireResponse/${r.id}-${i + 1}` })),
  };
  const task = {
    resourceType: 'Task',
    id: `${r.id}-task`,
    status: FHIR_TASK_STATUS[r.status],
    statusReason: r.declineReason ? { text: r.declineReason } : undefined,
    intent: 'order',
    priority: PRIORITY[r.urgency] ?? 'routine',
    focus: { reference: `ServiceRequest/${r.id}` },
    for: { reference: `Patient/${r.patientId}` },
    authoredOn: r.sentAt,
    lastModified: r.closedAt ?? r.firstResponseAt ?? r.sentAt,
    requester: serviceRequest.requester,
    owner: { reference: `Organization/${r.structureId}`, display: r.structureName },
    restriction: { period: { end: r.dueAt } },
    output: r.outcomeSummary ? [{ type: { text: 'Compte rendu de clôture' }, valueString: r.outcomeSummary }] : undefined,
  };
  const evaluations = r.evaluations.map((e, i) => ({ ...e, resourceType: 'QuestionnaireResponse', id: `${r.id}-${i + 1}` }));
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [serviceRequest, task, ...evaluations].map((resource) => ({ fullUrl: `urn:uuid:${String(resource.id)}`, resource: JSON.parse(JSON.stringify(resource)) as unknown })),
  };
}
