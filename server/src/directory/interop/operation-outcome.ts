import { toErrorAnswer } from '../../http/error-handler';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export type IssueType =
  | 'invalid'
  | 'structure'
  | 'required'
  | 'value'
  | 'code-invalid'
  | 'duplicate'
  | 'not-found'
  | 'not-supported'
  | 'login'
  | 'forbidden'
  | 'conflict'
  | 'too-costly'
  | 'throttled'
  | 'transient'
  | 'exception'
  | 'informational';

export interface FhirIssue {
  code: IssueType;
  /** French, for the person reading it. */
  diagnostics: string;
  /** FHIRPath of the element at fault, e.g. Bundle.entry[3].resource.name. */
  expression?: string[];
}

/** A failure answered with an OperationOutcome (the FHIR routes never answer our {code, message} shape). */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly issues: FhirIssue[],
  ) {
    super(issues[0]?.diagnostics ?? 'Erreur FHIR');
    this.name = 'FhirError';
  }
}

export function operationOutcome(issues: readonly FhirIssue[], severity: 'error' | 'information' = 'error') {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({ severity, code: i.code, diagnostics: i.diagnostics, ...(i.expression ? { expression: i.expression } : {}) })),
  };
}

const CODE_BY_STATUS: Record<number, IssueType> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-supported',
  409: 'conflict',
  413: 'too-costly',
  415: 'not-supported',
  429: 'throttled',
  503: 'transient',
};

/** Any failure as (status, OperationOutcome); `log` when the server should record it. */
export function toFhirError(err: unknown): { status: number; body: ReturnType<typeof operationOutcome>; log: boolean } {
  if (err instanceof FhirError) return { status: err.status, body: operationOutcome(err.issues), log: false };
  const answer = toErrorAnswer(err);
  const code = CODE_BY_STATUS[answer.status] ?? (answer.status >= 500 ? 'exception' : 'invalid');
  return {
    status: answer.status,
    body: operationOutcome([{ code, diagnostics: answer.body.message, ...(answer.body.field ? { expression: [answer.body.field] } : {}) }]),
    log: answer.log,
  };
}
