import type { AddressInfo } from 'node:net';
import express, { type Express, type RequestHandler } from 'express';

export interface RecordedRequest {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

export interface Listening {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts an express app on an ephemeral loopback port. */
export async function listen(app: Express): Promise<Listening> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/**
 * Sits in front of the real sandbox FHIR router: records each request's path and Authorization header, and
 * answers 500 for resource types listed in `failing`.
 */
export function createFhirRecorder(): {
  middleware: RequestHandler;
  requests: RecordedRequest[];
  failing: Set<string>;
} {
  const requests: RecordedRequest[] = [];
  const failing = new Set<string>();
  const middleware: RequestHandler = (req, res, next) => {
    requests.push({ path: req.url.slice(1), authorization: req.get('authorization'), body: undefined });
    if (failing.has(req.path.split('/')[1] ?? '')) {
      res.status(500).json({ resourceType: 'OperationOutcome', issue: [] });
      return;
    }
    next();
  };
  return { middleware, requests, failing };
}

export interface FakeCdsService extends Listening {
  /** `{url}/cds-services` */
  readonly discoveryUrl: string;
  readonly discoveryRequests: RecordedRequest[];
  readonly hookRequests: RecordedRequest[];
  readonly feedbackRequests: RecordedRequest[];
}

export interface FakeCdsSpec {
  readonly services: readonly Record<string, unknown>[];
  readonly cards: (serviceId: string, body: unknown) => unknown[];
  /** Service ids that answer 500. */
  readonly failing?: readonly string[];
  /** Service ids that never answer. */
  readonly silent?: readonly string[];
}

/** A test-only CDS Hooks service: records everything it receives and answers with the given cards. */
export async function startFakeCdsService(spec: FakeCdsSpec): Promise<FakeCdsService> {
  const app = express();
  app.use(express.json({ limit: '4mb' }));
  const discoveryRequests: RecordedRequest[] = [];
  const hookRequests: RecordedRequest[] = [];
  const feedbackRequests: RecordedRequest[] = [];
  const record = (list: RecordedRequest[]) => (req: express.Request) =>
    list.push({ path: req.path, authorization: req.get('authorization'), body: req.body });
  app.get('/cds-services', (req, res) => {
    record(discoveryRequests)(req);
    res.json({ services: spec.services });
  });
  app.post('/cds-services/:id/feedback', (req, res) => {
    record(feedbackRequests)(req);
    res.json({});
  });
  app.post('/cds-services/:id', (req, res) => {
    record(hookRequests)(req);
    const id = String(req.params.id);
    if (spec.silent?.includes(id)) return;
    if (spec.failing?.includes(id)) {
      res.status(500).send('boom: secret internals');
      return;
    }
    res.json({ cards: spec.cards(id, req.body) });
  });
  const listening = await listen(app);
  return {
    ...listening,
    discoveryUrl: `${listening.url}/cds-services`,
    discoveryRequests,
    hookRequests,
    feedbackRequests,
  };
}
