import type { Request, RequestHandler } from 'express';
import type { CdsLogger } from '../cds-logger.ts';
import type { ClientAuthenticator } from './client-authenticator.ts';

/**
 * Requires a verified client JWT on every call (discovery, service, feedback). Any failure → a bare `401`
 * (CDS Hooks best practice: no detail), with the reason logged by code only.
 */
export function requireClient(
  authenticator: ClientAuthenticator,
  audiencesFor: (req: Request) => readonly string[],
  log: CdsLogger,
): RequestHandler {
  return async (req, res, next) => {
    const result = await authenticator.authenticate(req.headers.authorization, audiencesFor(req));
    if (!result.ok) {
      log('cds.auth.rejected', { failure: result.failure, ...(result.iss ? { iss: result.iss } : {}) });
      res.status(401).setHeader('WWW-Authenticate', 'Bearer');
      res.end();
      return;
    }
    next();
  };
}
