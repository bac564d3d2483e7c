import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { renderChart } from './chart.page.ts';
import { notFound } from './ehr.errors.ts';
import { type EhrRecords, FHIR_ID } from './ehr-records.ts';
import { buildEncounter, defaultService, isEncounterService } from './encounter.builder.ts';
import { frameFor, sendPage } from './http.middleware.ts';
import { renderPatientList } from './patient-list.page.ts';
import { findUser, USER_COOKIE, userFromCookie } from './sandbox-users.ts';

export interface PageRoutesDeps {
  readonly basePath: string;
  readonly records: EhrRecords;
  readonly now: () => Date;
  /** Mark the user cookie `Secure` (an https public base). */
  readonly secureCookie: boolean;
}

const encounterForm = z.object({ service: z.string().optional() });
const userForm = z.object({ userId: z.string().optional(), returnTo: z.string().optional() });

const chartQuery = z.object({
  encounter: z.string().regex(FHIR_ID).optional(),
  hook: z.literal('encounter-start').optional(),
});

function idParam(req: Request): string {
  const id = req.params.id;
  return typeof id === 'string' ? id : '';
}

/** A return path inside the simulator only (no open redirect). */
function safeReturn(basePath: string, value: unknown): string {
  return typeof value === 'string' && value.startsWith(`${basePath}/`) && !/[\\]|\/\/|[\r\n]/.test(value)
    ? value
    : `${basePath}/`;
}

async function showChart(deps: PageRoutesDeps, req: Request, res: express.Response): Promise<void> {
  const patientId = idParam(req);
  const query = chartQuery.safeParse(req.query);
  const chart = await deps.records.loadChart(patientId);
  if (!chart) throw notFound('unknown-patient');
  const encounterId = query.success ? query.data.encounter : undefined;
  const encounter = encounterId ? await deps.records.readEncounter(encounterId) : undefined;
  const inChart = encounter?.subject?.reference === `Patient/${patientId}` ? encounter : undefined;
  const page = frameFor(deps.basePath, req);
  const hook = inChart && query.success && query.data.hook ? 'encounter-start' : 'patient-view';
  sendPage(
    res,
    200,
    renderChart(page, {
      chart,
      ...(inChart ? { encounter: inChart } : {}),
      hook,
      service: defaultService(page.user),
      today: deps.now(),
    }),
  );
}

async function startEncounter(deps: PageRoutesDeps, req: Request, res: express.Response): Promise<void> {
  const patientId = idParam(req);
  const patient = await deps.records.readPatient(patientId);
  if (!patient) throw notFound('unknown-patient');
  const user = userFromCookie(req.get('cookie'));
  const requested = encounterForm.safeParse(req.body ?? {}).data?.service;
  const service = isEncounterService(requested) ? requested : defaultService(user);
  const encounterId = await deps.records.createEncounter(
    buildEncounter(patientId, user, service, deps.now()),
  );
  const query = new URLSearchParams({ encounter: encounterId, hook: 'encounter-start' });
  res.redirect(303, `${deps.basePath}/patients/${encodeURIComponent(patientId)}?${query.toString()}`);
}

/** Patient list, chart, "Start encounter" and the user switcher. */
export function createPageRoutes(deps: PageRoutesDeps): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '8kb' });
  router.get('/', async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : '';
    const patients = await deps.records.listPatients(q);
    sendPage(res, 200, renderPatientList(frameFor(deps.basePath, req), patients, q, deps.now()));
  });
  router.get('/patients/:id', (req, res) => showChart(deps, req, res));
  router.post('/patients/:id/encounters', form, (req, res) => startEncounter(deps, req, res));
  router.post('/user', form, (req, res) => {
    const body = userForm.safeParse(req.body ?? {}).data;
    const user = findUser(body?.userId);
    if (user) {
      res.cookie(USER_COOKIE, user.id, {
        httpOnly: true,
        sameSite: 'lax',
        path: deps.basePath,
        secure: deps.secureCookie,
      });
    }
    res.redirect(303, safeReturn(deps.basePath, body?.returnTo));
  });
  return router;
}
