import type { Request, Response } from 'express';
import type { Terminology } from '../../shared/index.ts';
import type { StateStore } from '../../state/index.ts';
import type { ResolvedCdsConfig } from '../cds-config.ts';
import type { CdsLogger } from '../cds-logger.ts';
import type { Pseudonymizer } from '../pseudonym.ts';

/** What the endpoint handlers share, assembled once by createCdsApp. */
export interface EndpointDeps {
  readonly config: ResolvedCdsConfig;
  readonly terminology: Terminology;
  readonly state: StateStore;
  readonly now: () => Date;
  readonly log: CdsLogger;
  readonly pseudonymize: Pseudonymizer;
}

/** A service endpoint once the client is authenticated: the request, the response and the body as read for it. */
export type BodyEndpoint<B> = (req: Request, res: Response, body: B) => Promise<void>;
