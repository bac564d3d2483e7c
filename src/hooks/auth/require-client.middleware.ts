import type { Request, RequestHandler, Response } from 'express';
import type { CdsLogger } from '../cds-logger.ts';
import type { ClientAuthenticator } from './client-authenticator.ts';

/**
 * Verifies the client JWT of one call; on any failure answers a bare `401` (CDS Hooks best practice: no detail),
 * logs the reason by code only, and resolves false.
 */
export async function authorizeClient(
  authenticator: ClientAuthenticator,
  req: Request,
  res: Response,
  audiences: readonly string[],
  log: CdsLogger,
): Promise<boolean> {
  const result = await authenticator.authenticate(req.headers.authorization, audiences);
  if (result.ok) return true;
  log('cds.auth.rejected', { failure: result.failure, ...(result.iss ? { iss: result.iss } : {}) });
  res.status(401).setHeader('WWW-Authenticate', 'Bearer');
  res.end();
  return false;
}

/** Requires a verified client JWT on every call (discovery, service, feedback): see `authorizeClient`. */
export function requireClient(
  authenticator: ClientAuthenticator,
  audiencesFor: (req: Request) => readonly string[],
  log: CdsLogger,
): RequestHandler {
  return async (req, res, next) => {
    if (await authorizeClient(authenticator, req, res, audiencesFor(req), log)) next();
  };
}
