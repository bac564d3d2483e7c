import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { PERMISSIONS_POLICY } from '../../http/index.ts';
import { IssueType, OperationOutcomeError } from '../../shared/index.ts';
import { renderErrorPage } from './error.page.ts';
import type { PageFrame } from './layout.page.ts';
import { userFromCookie } from './sandbox-users.ts';

/** The CSP of the simulator: no inline script or style anywhere, no framing by other sites. */
export const EHR_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'self'; " +
  "base-uri 'none'; form-action 'self'";

export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', EHR_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
  next();
};

/** Pages and API answers carry patient data: never cached. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

function isCrossOrigin(req: Request, publicOrigin: string): boolean {
  const site = req.get('sec-fetch-site');
  if (site !== undefined) return site !== 'same-origin';
  const origin = req.get('origin');
  return origin !== undefined && origin !== publicOrigin;
}

/**
 * Rejects state-changing requests a browser sends from another origin (CSRF). Browsers mark every request with
 * `Sec-Fetch-Site`; under `Referrer-Policy: no-referrer` a same-origin form post carries `Origin: null`, so the
 * `Origin` check is only the fallback. Requests with neither header (non-browser clients) pass.
 */
export function sameOriginOnly(publicOrigin: string): RequestHandler {
  return (req, _res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && isCrossOrigin(req, publicOrigin)) {
      next(
        OperationOutcomeError.of(403, {
          code: IssueType.forbidden,
          reason: 'cross-origin',
          diagnostics: 'Cross-origin request',
        }),
      );
      return;
    }
    next();
  };
}

export function sendPage(res: Response, status: number, body: string): void {
  res.status(status).type('html').send(body);
}

export function pageNotFound(basePath: string, message: string): RequestHandler {
  return (req, res) => {
    sendPage(res, 404, renderErrorPage(frameFor(basePath, req), 'Not found', message));
  };
}

/** The status of a known error (OperationOutcomeError, or a 4xx from express middleware such as static); else 500. */
function errorStatus(err: unknown): number {
  if (err instanceof OperationOutcomeError) return err.status;
  const status = typeof err === 'object' && err !== null && 'status' in err ? err.status : undefined;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

/** Page routes end here: a friendly page, never a stack or a detail. */
export function pageErrorHandler(
  basePath: string,
  onUnexpected: (name: string) => void,
): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const status = errorStatus(err);
    if (status >= 500) onUnexpected(err instanceof Error ? err.name : typeof err);
    const title =
      status === 404 ? 'Not found' : status < 500 ? 'Request not accepted' : 'Something went wrong';
    const message = status === 404 ? 'That page or record does not exist.' : 'Please go back and try again.';
    sendPage(res, status, renderErrorPage(frameFor(basePath, req), title, message));
  };
}

/** The page frame of a request: its signed-in user, and its own path to return to after switching user. */
export function frameFor(basePath: string, req: Request): PageFrame {
  return { basePath, user: userFromCookie(req.get('cookie')), returnTo: `${basePath}${req.path}` };
}
