import type { ErrorRequestHandler, RequestHandler } from 'express';
import { IssueType, internalErrorOutcome, OperationOutcomeError } from '../shared/index.ts';

export const FHIR_JSON = 'application/fhir+json';

/** Maps body-parser's own errors (they carry `type` and `status`) to FHIR outcomes. */
function fromBodyParserError(err: unknown): OperationOutcomeError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  switch ((err as { type?: unknown }).type) {
    case 'entity.parse.failed':
      return OperationOutcomeError.of(400, {
        code: IssueType.structure,
        reason: 'malformed-json',
        diagnostics: 'Request body is not valid JSON',
      });
    case 'entity.too.large':
      return OperationOutcomeError.of(413, {
        code: IssueType.tooLong,
        reason: 'body-too-large',
        diagnostics: 'Request body is too large',
      });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return OperationOutcomeError.of(415, {
        code: IssueType.notSupported,
        reason: 'unsupported-encoding',
        diagnostics: 'Unsupported content encoding or charset',
      });
    default:
      return fromExposedClientError(err);
  }
}

/**
 * Other client errors from body parsing (http-errors with a 4xx `status` and `expose: true`, e.g. a body whose
 * Content-Encoding does not decompress) → 400 with a fixed message; their own text is never echoed.
 */
function fromExposedClientError(err: object): OperationOutcomeError | undefined {
  const { status, expose } = err as { status?: unknown; expose?: unknown };
  if (expose !== true || typeof status !== 'number' || status < 400 || status > 499) return undefined;
  return OperationOutcomeError.of(400, {
    code: IssueType.structure,
    reason: 'unreadable-body',
    diagnostics: 'Request body could not be read',
  });
}

export interface ErrorHandlerOptions {
  /** Called for unexpected errors with a short, PHI-free description (error name only). */
  readonly onUnexpected?: (name: string) => void;
}

/**
 * The one express error handler: OperationOutcomeError → its status and outcome; body-parser errors → 400/413/415;
 * anything else → 500 with a generic outcome. Never a stack, never diagnostics from unexpected errors.
 */
export function createFhirErrorHandler(options: ErrorHandlerOptions = {}): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const known = err instanceof OperationOutcomeError ? err : fromBodyParserError(err);
    if (known) {
      for (const [name, value] of Object.entries(known.headers)) res.setHeader(name, value);
      res.status(known.status).type(FHIR_JSON).send(JSON.stringify(known.outcome));
      return;
    }
    options.onUnexpected?.(err instanceof Error ? err.name : typeof err);
    res.status(500).type(FHIR_JSON).send(JSON.stringify(internalErrorOutcome()));
  };
}

/** 404 for any route nobody handled, as an OperationOutcome. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(
    OperationOutcomeError.of(404, {
      code: IssueType.notFound,
      reason: 'no-route',
      diagnostics: `No route for ${req.method} ${req.path}`,
    }),
  );
};
