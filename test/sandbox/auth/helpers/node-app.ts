import type { Express } from 'express';
import smart from 'fhirclient';
import type { fhirclient } from 'fhirclient/lib/types.js';

/** The client fhirclient's `ready()` resolves to. */
export type SmartClient = Awaited<ReturnType<ReturnType<typeof smart>['ready']>>;

/** fhirclient's storage for the Node adapter, in memory (one simulated user, so no express-session needed). */
export function memoryStorage(): fhirclient.Storage {
  const data = new Map<string, unknown>();
  return {
    get: async (key: string) => data.get(key),
    set: async (key: string, value: unknown) => {
      data.set(key, value);
      return value;
    },
    unset: async (key: string) => data.delete(key),
  };
}

export interface NodeAppOptions {
  readonly clientId: string;
  readonly scope: string;
  /** For a standalone launch: the FHIR base passed as an option (an EHR launch brings `iss` in the URL). */
  readonly iss?: string;
  /** Where fhirclient's `ready()` result goes for the test to use. */
  readonly onReady: (client: SmartClient) => void;
}

/** A SMART app on the fhirclient Node adapter: `/app/launch` authorizes, `/app/` (the redirect URI) completes. */
export function mountNodeApp(app: Express, options: NodeAppOptions): void {
  const storage = memoryStorage();
  app.get('/app/launch', async (req, res, next) => {
    try {
      await smart(req, res, storage).authorize({
        clientId: options.clientId,
        scope: options.scope,
        redirectUri: '/app/',
        pkceMode: 'required',
        ...(options.iss !== undefined && req.query.iss === undefined ? { iss: options.iss } : {}),
      });
    } catch (error) {
      next(error);
    }
  });
  app.get('/app/', async (req, res) => {
    try {
      options.onReady(await smart(req, res, storage).ready());
      res.type('text/plain').send('ready');
    } catch (error) {
      res
        .status(400)
        .type('text/plain')
        .send(error instanceof Error ? error.message : 'error');
    }
  });
}
