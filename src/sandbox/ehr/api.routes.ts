import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { createFhirErrorHandler, notFoundHandler } from '../../http/index.ts';
import { IssueType, OperationOutcomeError } from '../../shared/index.ts';
import { renderCardPanel } from './card-panel.view.ts';
import type { CdsHooksService } from './cds-hooks.service.ts';
import { invalid, notFound } from './ehr.errors.ts';
import { type EhrRecords, FHIR_ID } from './ehr-records.ts';
import { EHR_HOOKS } from './hook-request.builder.ts';
import { userFromCookie } from './sandbox-users.ts';

export interface ApiRoutesDeps {
  readonly basePath: string;
  readonly records: EhrRecords;
  readonly hooks: CdsHooksService;
  readonly onUnexpected: (name: string) => void;
}

const hookBody = z.object({
  patientId: z.string().regex(FHIR_ID),
  encounterId: z.string().regex(FHIR_ID).optional(),
  sendPrefetch: z.boolean().default(true),
});

const index = z.number().int().min(0).max(999);

const feedbackBody = z.object({
  hookInstance: z.uuid(),
  service: index,
  card: index,
  outcome: z.enum(['accepted', 'overridden']),
  suggestions: z.array(index).max(50).optional(),
  reason: index.optional(),
  comment: z.string().max(500).optional(),
});

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  throw new OperationOutcomeError(400, {
    resourceType: 'OperationOutcome',
    issue: parsed.error.issues.map((i) => ({
      severity: 'error',
      code: IssueType.invalid,
      diagnostics: i.message,
      expression: [i.path.join('.')],
    })),
  });
}

async function fireHook(deps: ApiRoutesDeps, req: Request, res: express.Response): Promise<void> {
  const hook = EHR_HOOKS.find((h) => h === req.params.hook);
  if (hook === undefined) throw notFound('unknown-hook');
  const body = parse(hookBody, req.body);
  if (hook === 'encounter-start' && body.encounterId === undefined) {
    throw invalid('encounter-required', 'encounterId is required', 'encounterId');
  }
  if (!(await deps.records.findContext(body.patientId, body.encounterId))) throw notFound('unknown-context');
  const invocation = await deps.hooks.fire({
    hook,
    user: userFromCookie(req.get('cookie')),
    patientId: body.patientId,
    ...(body.encounterId === undefined ? {} : { encounterId: body.encounterId }),
    sendPrefetch: body.sendPrefetch,
  });
  res.json({
    hookInstance: invocation.hookInstance,
    html: renderCardPanel(deps.basePath, invocation).value,
    services: invocation.services.map((s) => ({ id: s.serviceId, status: s.status, cards: s.cards.length })),
  });
}

async function postFeedback(deps: ApiRoutesDeps, req: Request, res: express.Response): Promise<void> {
  const body = parse(feedbackBody, req.body);
  const result = await deps.hooks.feedback({
    user: userFromCookie(req.get('cookie')),
    hookInstance: body.hookInstance,
    serviceIndex: body.service,
    cardIndex: body.card,
    outcome: body.outcome,
    ...(body.suggestions === undefined ? {} : { suggestionIndexes: body.suggestions }),
    ...(body.reason === undefined ? {} : { reasonIndex: body.reason }),
    ...(body.comment === undefined ? {} : { comment: body.comment }),
  });
  res.json({ result });
}

/** JSON endpoints used by the chart page's script; errors are OperationOutcomes. */
export function createApiRoutes(deps: ApiRoutesDeps): Router {
  const router = express.Router();
  router.use(express.json({ limit: '16kb' }));
  router.post('/hooks/:hook', (req, res) => fireHook(deps, req, res));
  router.post('/feedback', (req, res) => postFeedback(deps, req, res));
  router.use(notFoundHandler);
  router.use(createFhirErrorHandler({ onUnexpected: deps.onUnexpected }));
  return router;
}
