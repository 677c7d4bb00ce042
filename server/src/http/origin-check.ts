import type { FastifyRequest } from 'fastify';
import type { Config } from '../config';
import { AppError } from './errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence: a browser sends Origin on every unsafe request; it must be this platform.
 * Requests without Origin (scripts, curl) carry no ambient browser credentials to abuse.
 */
export function originCheck(config: Config) {
  const allowed = new URL(config.publicUrl).origin;
  return async (req: FastifyRequest): Promise<void> => {
    if (SAFE.has(req.method)) return;
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    if (!origin) {
      if (site === 'cross-site') throw new AppError(403, 'bad_origin', 'Requête refusée : elle ne vient pas de Palliance.');
      return;
    }
    const host = req.headers.host;
    const sameHost = host && (origin === `http://${host}` || origin === `https://${host}`);
    if (origin !== allowed && !sameHost) {
      throw new AppError(403, 'bad_origin', 'Requête refusée : elle ne vient pas de Palliance.');
    }
  };
}
