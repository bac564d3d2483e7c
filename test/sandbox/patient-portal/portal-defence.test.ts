import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Bundle, Resource } from 'fhir/r4.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createPatientPortal } from '../../../src/sandbox/patient-portal/index.ts';
import { dvaSecurityLabels, LABEL_NOPAT, SNOMED } from '../../../src/shared/index.ts';

const FHIR = 'http://fhir.test/fhir';
const PATIENT = 'p-1';
const subject = { reference: `Patient/${PATIENT}` };

const patient: Resource = {
  resourceType: 'Patient',
  id: PATIENT,
  name: [{ use: 'official', given: ['Test'], family: 'Patient' }],
} as Resource;

function condition(text: string, extra: Record<string, unknown> = {}): Resource {
  return {
    resourceType: 'Condition',
    subject,
    code: { text },
    recordedDate: '2025-01-02',
    ...extra,
  } as Resource;
}

/** What a FHIR server with a broken label policy might return. */
const LEAKY: Resource[] = [
  condition('Ordinary problem'),
  condition('Leak labelled NOPAT', { meta: { security: [LABEL_NOPAT] } }),
  condition('Leak labelled restricted', { meta: { security: dvaSecurityLabels() } }),
  condition('Leak of another patient', { subject: { reference: 'Patient/p-2' } }),
  {
    resourceType: 'Condition',
    subject,
    code: { coding: [{ system: SNOMED, code: '879911000000102', display: 'Leak coded as DVA' }] },
  } as Resource,
  condition('<script>alert(1)</script>'),
];

type Route = (url: URL) => { status: number; body?: unknown };

function searchset(resources: readonly Resource[], extra: Partial<Bundle> = {}): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    entry: resources.map((resource) => ({ resource, search: { mode: 'match' } })),
    ...extra,
  };
}

function fakeFetch(route: Route): typeof fetch {
  return async (input) => {
    const { status, body } = route(new URL(String(input)));
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/fhir+json' },
    });
  };
}

function defaultRoute(conditions: Route): Route {
  return (url) => {
    if (url.pathname === `/fhir/Patient/${PATIENT}`) return { status: 200, body: patient };
    if (url.pathname === '/fhir/Condition') return conditions(url);
    return { status: 200, body: searchset([]) };
  };
}

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

const CHILD = 'child-1';
const PROXIES = [{ relatedPersonId: 'rp-1', patientId: CHILD }];

async function portalPage(route: Route, path = '/portal/', mint = async () => 'token') {
  const events: string[] = [];
  const portal = createPatientPortal(
    { publicBaseUrl: 'http://portal.test', fhirBaseUrl: FHIR, patientId: PATIENT, proxies: PROXIES },
    { mintAccessToken: mint, fetch: fakeFetch(route), log: (event) => events.push(event) },
  );
  const app = express();
  app.use('/portal', portal.router);
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);
  return { status: res.status, body: await res.text(), events };
}

describe('patient online view: defence in depth and failure', () => {
  it('drops NOPAT, restricted, DVA-coded and other patients’ records even when the FHIR server returns them', async () => {
    const { status, body } = await portalPage(defaultRoute(() => ({ status: 200, body: searchset(LEAKY) })));
    expect(status).toBe(200);
    expect(body).toContain('Ordinary problem');
    expect(body).not.toContain('Leak');
  });

  it('escapes hostile text from the record', async () => {
    const { body } = await portalPage(defaultRoute(() => ({ status: 200, body: searchset(LEAKY) })));
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).not.toContain('<script>');
  });

  it('reads only the FHIR API (never CDS Hooks), so no prompt can reach a patient-facing page', async () => {
    const called: string[] = [];
    const route = defaultRoute(() => ({ status: 200, body: searchset(LEAKY) }));
    await portalPage((url) => {
      called.push(url.href);
      return route(url);
    });
    expect(called.length).toBeGreaterThanOrEqual(6);
    expect(called.every((u) => u.startsWith(`${FHIR}/`))).toBe(true);
  });

  it('reads every page and never shows the server’s total or paging', async () => {
    const pages: Route = (url) => {
      const offset = Number(url.searchParams.get('_offset') ?? '0');
      const next =
        offset < 2
          ? [{ relation: 'next', url: `${FHIR}/Condition?patient=${PATIENT}&_offset=${offset + 1}` }]
          : [];
      return {
        status: 200,
        body: searchset([condition(`Problem on page ${offset}`)], { total: 97, link: next }),
      };
    };
    const { body } = await portalPage(defaultRoute(pages));
    expect(body).toContain('Problem on page 0');
    expect(body).toContain('Problem on page 2');
    expect(body).not.toContain('97');
  });

  it('refuses to follow a next link to another server', async () => {
    const foreign: Route = () => ({
      status: 200,
      body: searchset([condition('First page')], {
        link: [{ relation: 'next', url: 'http://elsewhere.test/fhir/Condition?x=1' }],
      }),
    });
    const { status, body, events } = await portalPage(defaultRoute(foreign));
    expect(status).toBe(503);
    expect(body).not.toContain('First page');
    expect(events).toEqual(['portal.unavailable']);
  });

  it('answers 503 with a generic page when the FHIR server fails or no token is issued', async () => {
    const failing = await portalPage(
      defaultRoute(() => ({ status: 500, body: { resourceType: 'OperationOutcome' } })),
    );
    const refused = await portalPage(
      defaultRoute(() => ({ status: 200, body: searchset([]) })),
      '/portal/',
      async () => {
        throw new Error('minter said no');
      },
    );
    for (const page of [failing, refused]) {
      expect(page.status).toBe(503);
      expect(page.body).toContain('Your record is not available at the moment.');
      expect(page.body).not.toMatch(/OperationOutcome|minter|Error|at .*:\d+:\d+/);
    }
  });

  it('refuses a proxy whose RelatedPerson is not on the record in view, or no longer active', async () => {
    for (const link of [
      { resourceType: 'RelatedPerson', id: 'rp-1', patient: { reference: 'Patient/someone-else' } },
      {
        resourceType: 'RelatedPerson',
        id: 'rp-1',
        active: false,
        patient: { reference: `Patient/${CHILD}` },
      },
    ]) {
      const route: Route = (url) => {
        if (url.pathname === '/fhir/RelatedPerson/rp-1') return { status: 200, body: link };
        if (url.pathname === `/fhir/Patient/${CHILD}`)
          return { status: 200, body: { ...patient, id: CHILD, name: [{ text: 'Child Name' }] } };
        return {
          status: 200,
          body: searchset([condition('Child problem', { subject: { reference: `Patient/${CHILD}` } })]),
        };
      };
      const proxy = await portalPage(route, `/portal/proxy/${CHILD}`);
      expect(proxy.status).toBe(503);
      expect(proxy.body).not.toMatch(/Child (Name|problem)/);
      await new Promise<void>((resolve) => server?.close(() => resolve()));
      server = undefined;
    }
  });

  it('shows nothing when the server does not disclose the Patient itself', async () => {
    const { status, body } = await portalPage((url) =>
      url.pathname.startsWith('/fhir/Patient/') ? { status: 404 } : { status: 200, body: searchset(LEAKY) },
    );
    expect(status).toBe(503);
    expect(body).not.toContain('Ordinary problem');
  });
});
