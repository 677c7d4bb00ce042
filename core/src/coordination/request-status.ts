/**
 * The life of a support request (FHIR Task.status in brackets): sent (requested) → received
 * (received) → accepted (accepted) / declined (rejected) → in progress (in-progress) → closed
 * (completed). Every transition is taken by the receiving structure; declining needs a reason and
 * closing an outcome summary.
 */
export const REQUEST_STATUSES = {
  sent: 'Envoyée',
  received: 'Reçue',
  accepted: 'Acceptée',
  declined: 'Déclinée',
  in_progress: 'En cours',
  closed: 'Clôturée',
} as const;
export type RequestStatus = keyof typeof REQUEST_STATUSES;
export const OPEN_REQUEST_STATUSES: RequestStatus[] = ['sent', 'received', 'accepted', 'in_progress'];
export const FHIR_TASK_STATUS: Record<RequestStatus, string> = {
  sent: 'requested',
  received: 'received',
  accepted: 'accepted',
  declined: 'rejected',
  in_progress: 'in-progress',
  closed: 'completed',
};

export const REQUEST_ACTIONS = {
  receive: 'Accuser réception',
  accept: 'Accepter',
  decline: 'Décliner',
  start: 'Démarrer la prise en charge',
  close: 'Clôturer avec un compte rendu',
} as const;
export type RequestAction = keyof typeof REQUEST_ACTIONS;

const TRANSITIONS: Record<RequestStatus, Partial<Record<RequestAction, RequestStatus>>> = {
  sent: { receive: 'received', accept: 'accepted', decline: 'declined' },
  received: { accept: 'accepted', decline: 'declined' },
  accepted: { start: 'in_progress', close: 'closed' },
  in_progress: { close: 'closed' },
  declined: {},
  closed: {},
};

export const allowedActions = (status: RequestStatus): RequestAction[] => Object.keys(TRANSITIONS[status]) as RequestAction[];

export type TransitionResult =
  | { ok: true; to: RequestStatus; isFirstResponse: boolean }
  | { ok: false; reason: 'not_allowed' | 'reason_required' | 'outcome_required' };

/**
 * Applies an action to a status. The first response is the first transition out of "sent" or
 * "received" other than an acknowledgement (a decision: accepted or declined).
 */
export function transition(from: RequestStatus, action: RequestAction, details: { reason?: string | null; outcome?: string | null } = {}): TransitionResult {
  const to = TRANSITIONS[from][action];
  if (!to) return { ok: false, reason: 'not_allowed' };
  if (action === 'decline' && !details.reason?.trim()) return { ok: false, reason: 'reason_required' };
  if (action === 'close' && !details.outcome?.trim()) return { ok: false, reason: 'outcome_required' };
  return { ok: true, to, isFirstResponse: (from === 'sent' || from === 'received') && action !== 'receive' };
}

export const isOpen = (status: RequestStatus) => OPEN_REQUEST_STATUSES.includes(status);
