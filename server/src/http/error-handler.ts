import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from './errors';

interface ErrorBody {
  code: string;
  message: string;
  field?: string;
}

const CONTEXT_LABEL: Record<string, string> = {
  body: 'le formulaire',
  querystring: 'les paramètres de recherche',
  params: "l'adresse",
  headers: 'les en-têtes',
};

/**
 * Drizzle wraps the driver's error in its own ("Failed query: …", the driver's error as cause):
 * judge the driver's error, which carries the PostgreSQL code.
 */
function driverError(err: unknown): unknown {
  const e = err as { code?: unknown; cause?: unknown; message?: unknown } | null;
  if (e && e.code === undefined && e.cause instanceof Error && typeof e.message === 'string' && e.message.startsWith('Failed query:')) return e.cause;
  return err;
}

/** Maps every failure to one answer shape. A stack trace never leaves the server. */
export function toErrorAnswer(err: unknown): { status: number; body: ErrorBody; log: boolean } {
  if (err instanceof AppError) {
    return { status: err.status, body: { code: err.code, message: err.message, field: err.field }, log: false };
  }
  const e = driverError(err) as FastifyError & { code?: string; validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(e)) {
    const first = e.validation[0];
    const issue = first.params.issue as { path?: PropertyKey[] } | undefined;
    const field = first.instancePath.replace(/^\//, '').replace(/\//g, '.') || issue?.path?.map(String).join('.') || undefined;
    const where = CONTEXT_LABEL[e.validationContext ?? 'body'] ?? 'la demande';
    const text = first.message ?? "valeur non valide";
    const message = field ? text : `Un champ manque ou n'est pas valide dans ${where} : ${text}`;
    return { status: 400, body: { code: 'invalid_input', message, field }, log: false };
  }
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: { code: 'invalid_json', message: "Le contenu envoyé n'est pas un JSON valide." }, log: false };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: { code: 'too_large', message: 'Le contenu envoyé est trop volumineux.' }, log: false };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 415, body: { code: 'unsupported_media_type', message: "Ce type de contenu n'est pas accepté." }, log: false };
    case 'FST_ERR_VALIDATION':
      return { status: 400, body: { code: 'invalid_input', message: `La demande n'est pas valide : ${e.message}` }, log: false };
    case '23505':
      return { status: 409, body: { code: 'conflict', message: 'Cet élément existe déjà.' }, log: true };
    case '23503':
    case '23514':
    case '22P02':
    case '22001':
      return { status: 400, body: { code: 'invalid_input', message: "Une valeur envoyée n'est pas acceptée." }, log: true };
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case '57P01':
    case '57P02':
    case '57P03':
    case '08000':
    case '08003':
    case '08006':
      return {
        status: 503,
        body: { code: 'unavailable', message: 'Le service est momentanément indisponible. Réessayez dans un instant.' },
        log: true,
      };
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, body: { code: 'bad_request', message: "La demande n'a pas pu être traitée." }, log: false };
  }
  // pg's own messages for a connection lost or never made (they carry no code).
  if (
    e.message?.includes('Connection terminated') ||
    e.message?.includes('timeout exceeded when trying to connect') ||
    e.message?.includes('is not queryable')
  ) {
    return {
      status: 503,
      body: { code: 'unavailable', message: 'Le service est momentanément indisponible. Réessayez dans un instant.' },
      log: true,
    };
  }
  return {
    status: 500,
    body: { code: 'internal', message: "Une erreur inattendue s'est produite. L'équipe technique a été prévenue." },
    log: true,
  };
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const answer = toErrorAnswer(err);
    if (answer.log) req.log.error({ err }, 'request failed');
    if (answer.status === 503) reply.header('retry-after', '5');
    return reply.status(answer.status).send(answer.body);
  });
}
