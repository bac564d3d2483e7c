import { problemsOf, type Reply } from './response-safety.ts';

/**
 * Runs per property (`FUZZ_RUNS`, default 100): small enough that the whole hardening suite stays well under a
 * minute on two cores, large enough to send every kind of generated input to every edge on each CI run.
 * `FUZZ_SHOW_5XX` (default 5) is how many requests answered 5xx the report prints.
 */
export const FUZZ_RUNS = readRuns(process.env.FUZZ_RUNS);

function readRuns(value: string | undefined): number {
  const runs = Number(value ?? '100');
  return Number.isInteger(runs) && runs > 0 ? runs : 100;
}

export interface FuzzRequest {
  readonly method: string;
  /** Path and query, e.g. `/fhir/Patient?name=x`. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array<ArrayBuffer>;
}

interface Tally {
  requests: number;
  ms: number;
  readonly statuses: Map<number, number>;
}

const NO_BODY = new Set(['GET', 'HEAD']);

function describe(request: FuzzRequest): string {
  const body = typeof request.body === 'string' ? request.body.slice(0, 100) : request.body ? '<bytes>' : '';
  const headers = Object.entries(request.headers ?? {})
    .map(([k, v]) => `${k}=${k === 'authorization' ? v.slice(0, 12) : v}`)
    .join(' ');
  return `${request.method} ${request.path.slice(0, 100)} [${headers}] ${body}`;
}

/** Sends fuzz requests to one sandbox, checks every reply, and counts requests, time and statuses per target. */
export class FuzzClient {
  readonly #baseUrl: string;
  readonly #tallies = new Map<string, Tally>();
  readonly problems: string[] = [];
  /** Requests answered 5xx (generic outcomes, but each is a bug to report): method, path and body start. */
  readonly serverErrors: string[] = [];

  constructor(baseUrl: string) {
    this.#baseUrl = baseUrl;
  }

  async send(target: string, request: FuzzRequest): Promise<Reply> {
    const started = performance.now();
    const reply = await this.#exchange(request);
    this.#record(target, reply.status, performance.now() - started);
    if (reply.status >= 500) this.serverErrors.push(describe(request));
    if (reply.status === 0) this.problems.push(`${describe(request)} → no response`);
    this.problems.push(...problemsOf({ target, method: request.method, path: request.path }, reply));
    return reply;
  }

  /**
   * One request and its reply. When the server answers before reading a body (413, 401) Node closes that keep-alive
   * connection, and a request already queued on it fails with ECONNRESET; that request is sent once more on a fresh
   * connection. A request that still gets no answer is reported with status 0.
   */
  async #exchange(request: FuzzRequest, attempt = 1): Promise<Reply> {
    try {
      const response = await fetch(`${this.#baseUrl}${request.path}`, {
        method: request.method,
        headers: { ...request.headers },
        redirect: 'manual',
        ...(request.body !== undefined && !NO_BODY.has(request.method) ? { body: request.body } : {}),
      });
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        headers: [...response.headers.entries()].map(([k, v]) => `${k}: ${v}`).join('\n'),
        body: await response.text(),
      };
    } catch {
      if (attempt < 2) return this.#exchange(request, attempt + 1);
      return { status: 0, contentType: '', headers: '', body: '' };
    }
  }

  /** True when the server still answers its liveness check. */
  async healthy(): Promise<boolean> {
    const response = await fetch(`${this.#baseUrl}/healthz`);
    return response.status === 200 && (await response.text()).includes('ok');
  }

  requestsTo(target: string): number {
    return this.#tallies.get(target)?.requests ?? 0;
  }

  statusesOf(target: string): ReadonlyMap<number, number> {
    return this.#tallies.get(target)?.statuses ?? new Map();
  }

  /** One line per target (requests, total time, statuses seen), then a few of the requests answered 5xx. */
  report(): string {
    const lines = [...this.#tallies.entries()].map(([target, t]) => {
      const statuses = [...t.statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
      return `[hardening] ${target}: ${t.requests} requests in ${Math.round(t.ms)} ms (${statuses.join(' ')})`;
    });
    const examples = this.serverErrors
      .slice(0, Number(process.env.FUZZ_SHOW_5XX ?? '5'))
      .map((e) => `[hardening]   5xx: ${e}`);
    return [...lines, ...examples].join('\n');
  }

  #record(target: string, status: number, ms: number): void {
    const tally = this.#tallies.get(target) ?? { requests: 0, ms: 0, statuses: new Map<number, number>() };
    tally.requests += 1;
    tally.ms += ms;
    tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
    this.#tallies.set(target, tally);
  }
}
