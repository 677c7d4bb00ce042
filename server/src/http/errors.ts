/**
 * The one error type of the server. Use cases throw it; http/error-handler.ts turns it
 * (and every other failure) into an answer with a French message and, for bad input, the field.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badInput = (field: string, message: string) => new AppError(400, 'invalid_input', message, field);
export const unauthenticated = (message = 'Connectez-vous pour continuer.') => new AppError(401, 'unauthenticated', message);
export const forbidden = (message = "Vous n'avez pas accès à cette page.") => new AppError(403, 'forbidden', message);
export const notFound = (message = "Cette ressource n'existe pas ou vous n'y avez pas accès.") =>
  new AppError(404, 'not_found', message);
export const conflict = (message: string, field?: string) => new AppError(409, 'conflict', message, field);
export const tooMany = (message: string) => new AppError(429, 'too_many_requests', message);
export const unavailable = (message = 'Le service est momentanément indisponible. Réessayez dans un instant.') =>
  new AppError(503, 'unavailable', message);
