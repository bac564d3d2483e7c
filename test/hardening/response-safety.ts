import { internalErrorOutcome } from '../../src/shared/index.ts';

/**
 * What must never leave the server, whatever it is sent (house-style "Errors"): stack frames, module and file
 * paths, internal error names, and secrets (a private JWK member, a private key, the project manifest).
 */
export const LEAK_PATTERNS: readonly RegExp[] = [
  /\bat .* \(.*:\d+:\d+\)/,
  /\bat (?:async )?[\w$.<>]+ \(?(?:file:|node:|\/)/,
  /node_modules/,
  /file:\/\//,
  /\/(?:work|home|root|usr|tmp|opt|var|srv)\/[\w.-]+\//,
  /\.(?:m?ts|m?js|cjs):\d+/,
  /\b(?:TypeError|RangeError|ReferenceError|SyntaxError|EvalError|URIError|AggregateError|ZodError|AssertionError|OperationOutcomeError)\b/,
  /\b(?:ECONNREFUSED|ENOENT|EACCES|ERR_[A-Z_]+)\b/,
  /BEGIN [A-Z ]*PRIVATE KEY/,
  /"d"\s*:\s*"[A-Za-z0-9_-]{20,}"/,
  /"devDependencies"/,
];

/** True when generated input could itself look like a leak once echoed back (a path in a 404 diagnostic). */
export function looksLikeLeak(text: string): boolean {
  return LEAK_PATTERNS.some((p) => p.test(text));
}

export interface SentRequest {
  readonly target: string;
  readonly method: string;
  readonly path: string;
}

export interface Reply {
  readonly status: number;
  readonly contentType: string;
  readonly headers: string;
  readonly body: string;
}

const GENERIC_500 = JSON.stringify(internalErrorOutcome());

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isOperationOutcome(reply: Reply): boolean {
  const body = parseJson(reply.body) as { resourceType?: unknown; issue?: unknown } | undefined;
  return (
    reply.contentType.startsWith('application/fhir+json') &&
    body?.resourceType === 'OperationOutcome' &&
    Array.isArray(body.issue)
  );
}

function serverErrorProblem(reply: Reply): string | undefined {
  if (reply.status < 500) return undefined;
  if (reply.contentType.includes('json')) {
    return JSON.stringify(parseJson(reply.body)) === GENERIC_500
      ? undefined
      : 'a 5xx JSON body that is not the generic outcome';
  }
  return reply.body.length > 20_000 ? 'a 5xx body suspiciously long' : undefined;
}

/**
 * Everything wrong with one reply: a leak anywhere in headers or body, a 5xx that is not the generic outcome, and
 * (for `/fhir`) a 4xx that is not a FHIR OperationOutcome. Node answers 431 itself for oversized header blocks,
 * before any route runs; that reply has no body and is exempt from the OperationOutcome rule.
 */
export function problemsOf(request: SentRequest, reply: Reply): string[] {
  const problems: string[] = [];
  for (const pattern of LEAK_PATTERNS) {
    if (pattern.test(reply.body) || pattern.test(reply.headers)) problems.push(`leak ${pattern}`);
  }
  const fiveHundred = serverErrorProblem(reply);
  if (fiveHundred) problems.push(fiveHundred);
  const fhir4xx =
    request.target === 'fhir' && reply.status >= 400 && reply.status < 500 && reply.status !== 431;
  if (fhir4xx && request.method !== 'HEAD' && !isOperationOutcome(reply)) {
    problems.push(`a ${reply.status} from /fhir that is not an OperationOutcome`);
  }
  return problems.map((p) => `${request.method} ${request.path.slice(0, 120)} → ${reply.status}: ${p}`);
}
