import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type Provider from 'oidc-provider';
import type { ClientRegistry } from './client.registry.ts';
import { splitScope } from './smart-scope.parser.ts';

/** oidc-provider's own body limit. */
const BODY_LIMIT = 56 * 1024;
const FORM = /^application\/x-www-form-urlencoded\b/i;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > BODY_LIMIT) throw new RangeError('request entity too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Hands a rewritten form body to oidc-provider as if it were the original stream (it reads `req.readable` and
 * `req.iterator()`), so no upstream body parser is involved.
 */
function replaceBody(req: IncomingMessage, form: URLSearchParams): void {
  const body = Buffer.from(form.toString());
  let consumed = false;
  Object.defineProperty(req, 'readable', { configurable: true, get: () => !consumed });
  Object.defineProperty(req, 'iterator', {
    configurable: true,
    value: async function* iterate() {
      consumed = true;
      yield body;
    },
  });
  req.headers['content-length'] = String(body.length);
}

async function rewriteForm(req: IncomingMessage, edit: (form: URLSearchParams) => Promise<void> | void) {
  const form = new URLSearchParams((await readBody(req)).toString('utf8'));
  await edit(form);
  replaceBody(req, form);
}

/** Trap 1: OIDC drops `offline_access` unless `prompt=consent`; consent is automatic here, so ask for it. */
function addConsentPrompt(params: URLSearchParams): boolean {
  if (!splitScope(params.get('scope') ?? undefined).includes('offline_access')) return false;
  const prompts = splitScope(params.get('prompt') ?? undefined);
  if (prompts.includes('consent') || prompts.includes('none')) return false;
  params.set('prompt', [...prompts, 'consent'].join(' '));
  return true;
}

function badRequest(res: Parameters<RequestHandler>[1]): void {
  res
    .status(400)
    .type('application/json')
    .send(JSON.stringify({ error: 'invalid_request' }));
}

function setQuery(req: Parameters<RequestHandler>[0], params: URLSearchParams): void {
  req.url = `${new URL(req.url, 'http://internal.invalid').pathname}?${params.toString()}`;
  req.originalUrl = `${req.baseUrl}${req.url}`;
}

/**
 * GET and POST `/authorize`: adds `prompt=consent` when `offline_access` is requested. A POST (SMART
 * `authorize-post`) is handed on as the equivalent GET: oidc-provider only takes POST here with SameSite=None
 * cookies, and the sandbox keeps them Lax (a cross-site POST then simply starts a fresh sign-in).
 */
export function authorizeRewrite(): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET') {
      const params = new URL(req.url, 'http://internal.invalid').searchParams;
      if (addConsentPrompt(params)) setQuery(req, params);
      next();
      return;
    }
    if (req.method !== 'POST' || !FORM.test(req.headers['content-type'] ?? '')) {
      next();
      return;
    }
    readBody(req).then(
      (body) => {
        const params = new URLSearchParams(body.toString('utf8'));
        addConsentPrompt(params);
        req.method = 'GET';
        delete req.headers['content-type'];
        delete req.headers['content-length'];
        setQuery(req, params);
        next();
      },
      () => badRequest(res),
    );
  };
}

/**
 * Trap 3: fhirclient refreshes a public client's token without `client_id` (by default), which OAuth requires; the
 * client is recovered from the refresh token itself, for public clients only.
 */
export function tokenRewrite(provider: Provider, registry: ClientRegistry): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST' || !FORM.test(req.headers['content-type'] ?? '') || req.headers.authorization) {
      next();
      return;
    }
    rewriteForm(req, async (form) => {
      const refreshToken = form.get('refresh_token');
      if (form.get('grant_type') !== 'refresh_token' || form.has('client_id') || !refreshToken) return;
      const stored = await provider.RefreshToken.find(refreshToken);
      const clientId = stored?.clientId;
      if (clientId !== undefined && registry.get(clientId)?.public === true) form.set('client_id', clientId);
    }).then(
      () => next(),
      () => badRequest(res),
    );
  };
}
