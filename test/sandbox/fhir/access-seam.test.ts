import type { Bundle, Observation, OperationOutcome, Patient, Resource } from 'fhir/r4.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccessAction, AccessPrincipal, FhirAccessControl } from '../../../src/sandbox/fhir/index.ts';
import { type FhirHttpRequest, SandboxRole } from '../../../src/sandbox/fhir/index.ts';
import {
  CONFIDENTIALITY_SYSTEM,
  createOperationOutcome,
  IssueType,
  OperationOutcomeError,
} from '../../../src/shared/index.ts';
import { call, FHIR_JSON_HEADERS, startFhirServer, type TestFhirServer } from './fhir-test-server.ts';

const PRINCIPAL: AccessPrincipal = { clientId: 'test-app', role: SandboxRole.gp, scopes: [] };
const WWW_AUTHENTICATE = 'Bearer realm="sandbox", error="invalid_token"';

/** Hides everything labelled V (very restricted); `Bearer forbidden` gets 403; no token gets 401. */
class FakeAccess implements FhirAccessControl {
  readonly requests: FhirHttpRequest[] = [];
  readonly disclosures: { action: AccessAction; refs: string[] }[] = [];

  async authorize(request: FhirHttpRequest): Promise<AccessPrincipal> {
    this.requests.push(request);
    const authorization = request.headers.authorization;
    if (!authorization) {
      const outcome = createOperationOutcome([
        { code: IssueType.login, reason: 'no-token', diagnostics: 'Token needed' },
      ]);
      throw new OperationOutcomeError(401, outcome, { 'WWW-Authenticate': WWW_AUTHENTICATE });
    }
    if (authorization === 'Bearer forbidden') {
      throw OperationOutcomeError.of(403, {
        code: IssueType.forbidden,
        reason: 'scope',
        diagnostics: 'No scope',
      });
    }
    return PRINCIPAL;
  }

  mayDisclose(_principal: AccessPrincipal, resource: Resource): boolean {
    return !(resource.meta?.security ?? []).some(
      (c) => c.system === CONFIDENTIALITY_SYSTEM && c.code === 'V',
    );
  }

  async recordDisclosure(_principal: AccessPrincipal, action: AccessAction, resources: readonly Resource[]) {
    this.disclosures.push({ action, refs: resources.map((r) => `${r.resourceType}/${r.id}`) });
  }
}

const label = (code: 'R' | 'V') => ({ security: [{ system: CONFIDENTIALITY_SYSTEM, code }] });
const AUTH = { authorization: 'Bearer ok' };
let access: FakeAccess;
let server: TestFhirServer;
const ids = { shown: '', hiddenPatient: '', open: '', restricted: '', onHidden: '', hidden: '' };

function observation(patientId: string, meta?: Observation['meta']): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    code: { text: 'seam' },
    subject: { reference: `Patient/${patientId}` },
    ...(meta ? { meta } : {}),
  };
}

async function seed(): Promise<void> {
  const repo = server.service.repo;
  const create = async (r: Resource) =>
    (await repo.createResource(r as Parameters<typeof repo.createResource>[0])).id;
  ids.shown = await create({
    resourceType: 'Patient',
    name: [{ family: 'Shown' }],
    meta: label('R'),
  } as Patient);
  ids.hiddenPatient = await create({
    resourceType: 'Patient',
    name: [{ family: 'Hidden' }],
    meta: label('V'),
  } as Patient);
  ids.open = await create(observation(ids.shown));
  ids.restricted = await create(observation(ids.shown, label('R')));
  ids.onHidden = await create(observation(ids.hiddenPatient));
  ids.hidden = await create(observation(ids.shown, label('V')));
}

function get(path: string) {
  return call(`${server.base}/${path}`, { headers: AUTH });
}

beforeAll(async () => {
  access = new FakeAccess();
  server = await startFhirServer({ access, smartConfiguration: () => ({ capabilities: ['launch-ehr'] }) });
  await seed();
});

beforeEach(() => {
  access.requests.length = 0;
  access.disclosures.length = 0;
});

afterAll(async () => {
  await server.close();
});

describe('authorization', () => {
  it('passes a 401 through with its WWW-Authenticate header', async () => {
    const reply = await call(`${server.base}/Patient/${ids.shown}`);
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toBe(WWW_AUTHENTICATE);
    expect((reply.json as OperationOutcome).resourceType).toBe('OperationOutcome');
  });

  it('passes a 403 through', async () => {
    const reply = await call(`${server.base}/Patient`, { headers: { authorization: 'Bearer forbidden' } });
    expect(reply.status).toBe(403);
  });

  it('hands the access layer method, path, query and the whole Bundle', async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [{ request: { method: 'GET', url: 'Patient' } }],
    };
    await call(`${server.base}/?_pretty=true`, {
      method: 'POST',
      headers: { ...AUTH, ...FHIR_JSON_HEADERS },
      body: JSON.stringify(bundle),
    });
    expect(access.requests[0]).toMatchObject({
      method: 'POST',
      path: '',
      query: { _pretty: 'true' },
      body: bundle,
    });
  });

  it('leaves /metadata and /.well-known/smart-configuration open', async () => {
    expect((await call(`${server.base}/metadata`)).status).toBe(200);
    expect((await call(`${server.base}/.well-known/smart-configuration`)).status).toBe(200);
    expect(access.requests).toHaveLength(0);
  });
});

describe('disclosure', () => {
  it('answers a hidden read exactly like a missing one', async () => {
    const hidden = await get(`Observation/${ids.hidden}`);
    const missing = await get('Observation/no-such-observation');
    expect(hidden.status).toBe(404);
    expect(hidden.text).toBe(missing.text);
  });

  it('hides vread and history of a hidden resource', async () => {
    const history = await get(`Observation/${ids.hidden}/_history`);
    expect(history.status).toBe(404);
  });

  it('drops hidden resources from searches and keeps total in agreement', async () => {
    const bundle = (await get(`Observation?subject=Patient/${ids.shown}`)).json as Bundle;
    const found = (bundle.entry ?? []).map((e) => e.resource?.id).sort();
    expect(found).toEqual([ids.open, ids.restricted].sort());
    expect(bundle.total).toBe(2);
  });

  it('does not let _include or _revinclude smuggle a hidden resource out', async () => {
    const included = (await get(`Observation?_id=${ids.onHidden}&_include=Observation:patient`))
      .json as Bundle;
    expect((included.entry ?? []).map((e) => e.resource?.resourceType)).toEqual(['Observation']);
    const revincluded = (await get(`Patient?_id=${ids.shown}&_revinclude=Observation:patient`))
      .json as Bundle;
    expect((revincluded.entry ?? []).map((e) => e.resource?.id)).not.toContain(ids.hidden);
  });

  it('reports exactly the restricted resources it disclosed, per action', async () => {
    await get(`Observation/${ids.open}`);
    await get(`Observation/${ids.restricted}`);
    await get(`Observation?subject=Patient/${ids.shown}&_include=Observation:patient`);
    expect(access.disclosures).toEqual([
      { action: 'read', refs: [`Observation/${ids.restricted}`] },
      { action: 'search', refs: [`Observation/${ids.restricted}`, `Patient/${ids.shown}`] },
    ]);
  });

  it('filters batch entries and reports their reads', async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { request: { method: 'GET', url: `Observation/${ids.hidden}` } },
        { request: { method: 'GET', url: `Observation/${ids.restricted}` } },
      ],
    };
    const reply = await call(`${server.base}`, {
      method: 'POST',
      headers: { ...AUTH, ...FHIR_JSON_HEADERS },
      body: JSON.stringify(bundle),
    });
    const entries = (reply.json as Bundle).entry ?? [];
    expect(entries.map((e) => e.response?.status?.slice(0, 3))).toEqual(['404', '200']);
    expect(entries[0]?.resource).toBeUndefined();
    expect(entries[1]?.resource?.id).toBe(ids.restricted);
    expect(access.disclosures).toEqual([{ action: 'read', refs: [`Observation/${ids.restricted}`] }]);
  });

  it('withholds the body of a write the caller may not read back', async () => {
    const reply = await call(`${server.base}/Observation`, {
      method: 'POST',
      headers: { ...AUTH, ...FHIR_JSON_HEADERS },
      body: JSON.stringify(observation(ids.shown, label('V'))),
    });
    expect(reply.status).toBe(201);
    expect(reply.text).toBe('');
    expect(reply.headers.get('location')).toContain('/Observation/');
  });
});
