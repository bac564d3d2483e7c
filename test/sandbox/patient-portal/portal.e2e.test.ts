import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PortalSandbox, startPortalSandbox } from './portal.harness.ts';
import {
  addUnshowableRecords,
  deleteUnshowable,
  exclusiveStrings,
  isUnshowable,
  patientResources,
} from './unshowable.helper.ts';

/** The sandbox patient user, and the child she views as a proxy (her son, in CAMHS, DVA in the household). */
const SELF = 'persona-samira';
const CHILD = 'seed-001';
const SELF_PAGES = ['/portal/', '/portal/summary'];
const PROXY_PAGES = [`/portal/proxy/${CHILD}`, `/portal/proxy/${CHILD}/summary`];

/** Words that would tell a reader something was left out. */
const TELLTALES =
  /\b(hidden|withheld|redact\w*|restricted|confidential|NOPAT|SDV|not shown|omitted|removed)\b/i;

async function leaksOf(portal: PortalSandbox, patientId: string, pages: readonly string[]) {
  const all = await patientResources(portal.sandbox.fhir.repo, patientId);
  const secrets = exclusiveStrings(
    all.filter(isUnshowable),
    all.filter((r) => !isUnshowable(r)),
  );
  const leaks: string[] = [];
  for (const path of pages) {
    const { status, body } = await portal.page(path);
    expect(status, path).toBe(200);
    leaks.push(...secrets.filter((s) => body.includes(s)).map((s) => `${path}: ${s}`));
  }
  return { secrets, leaks };
}

describe('patient online view: nothing labelled NOPAT, through the real FHIR API', () => {
  let portal: PortalSandbox;

  beforeAll(async () => {
    portal = await startPortalSandbox();
    await addUnshowableRecords(portal.sandbox.fhir.repo, SELF);
    await addUnshowableRecords(portal.sandbox.fhir.repo, CHILD);
  });
  afterAll(() => portal.close());

  it('shows Samira her record and summary with none of the ids, codes or displays of her NOPAT records', async () => {
    const { secrets, leaks } = await leaksOf(portal, SELF, SELF_PAGES);
    expect(secrets).toEqual(expect.arrayContaining(['879911000000102', 'Victim of domestic abuse']));
    expect(secrets).toEqual(
      expect.arrayContaining(['Portal test hidden medicine', 'Portal test hidden value']),
    );
    expect(leaks).toEqual([]);
    const { body } = await portal.page('/portal/');
    expect(body).toContain('Posttraumatic stress disorder');
    expect(body).toContain('999 001 0102');
  });

  it('hides a DVA-coded record whose labels were lost in transfer (terminology.md R12)', async () => {
    const all = await patientResources(portal.sandbox.fhir.repo, SELF);
    const unlabelled = all.filter((r) => isUnshowable(r) && (r.meta?.security ?? []).length === 0);
    expect(unlabelled.map((r) => r.resourceType)).toEqual(['Condition']);
    for (const path of SELF_PAGES) {
      const { body } = await portal.page(path);
      expect(body).not.toContain('Victim of domestic abuse');
      expect(body).not.toContain('879911000000102');
    }
  });

  it('shows a proxy the child’s record without the DVA-in-household entry', async () => {
    const { secrets, leaks } = await leaksOf(portal, CHILD, PROXY_PAGES);
    expect(secrets).toEqual(
      expect.arrayContaining(['881081000000100', 'Domestic abuse victim in household']),
    );
    expect(leaks).toEqual([]);
    const { body } = await portal.page(`/portal/proxy/${CHILD}`);
    expect(body).toContain('Zayan Qureshi');
    expect(body).toContain('Child and Adolescent Psychiatry');
  });

  it('never shows a proxy the child’s address (the proxy may be the person the family left)', async () => {
    const self = await portal.page('/portal/');
    const proxy = await portal.page(`/portal/proxy/${CHILD}`);
    expect(self.body).toContain('14 Durnover Lane');
    expect(proxy.body).not.toContain('Durnover');
  });

  it('says nothing anywhere about entries being hidden, and counts nothing', async () => {
    for (const path of [...SELF_PAGES, ...PROXY_PAGES]) {
      const { body } = await portal.page(path);
      expect(body, path).not.toMatch(TELLTALES);
      expect(body, path).not.toMatch(/\b\d+\s+(entries|items|records|results|problems|consultations)\b/i);
      expect(body, path).not.toMatch(/\b(page \d+|next page|previous page)\b/i);
    }
  });

  it('asks only for read-only patient-facing tokens confined to the record in view', async () => {
    portal.grants.length = 0;
    await portal.page('/portal/');
    await portal.page(`/portal/proxy/${CHILD}`);
    expect(portal.grants.length).toBeGreaterThan(0);
    for (const grant of portal.grants) {
      expect(grant.role).toBe('patient');
      expect(grant.scope).toBe('patient/*.rs');
      const expected =
        grant.patient === SELF
          ? `Patient/${SELF}`
          : expect.stringMatching(/^RelatedPerson\/rp-seed-00[12]-001$/);
      expect(grant.fhirUser).toEqual(expected);
    }
  });

  it('serves every page under a strict CSP, with no script and no inline style', async () => {
    for (const path of [...SELF_PAGES, ...PROXY_PAGES, '/portal/no-such-page']) {
      const { body, headers } = await portal.page(path);
      const csp = headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(headers.get('cache-control')).toBe('no-store');
      expect(body).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
    }
  });

  it('answers an unknown proxy record and an unknown page with a plain 404 page', async () => {
    for (const path of ['/portal/proxy/seed-003', '/portal/proxy/persona-tara/summary', '/portal/nothing']) {
      const { status, body } = await portal.page(path);
      expect(status, path).toBe(404);
      expect(body).toContain('Page not found');
      expect(body).not.toContain('seed-003');
    }
  });
});

describe('patient online view when proxy access is refused', () => {
  let portal: PortalSandbox;

  beforeAll(async () => {
    portal = await startPortalSandbox({}, (sandbox) => async (grant) => {
      if (grant.fhirUser.startsWith('RelatedPerson/')) throw new Error('proxy access refused');
      return sandbox.auth.mintAccessToken(grant);
    });
  });
  afterAll(() => portal.close());

  it('still shows the user’s own record, without the proxy link, and a plain page for the proxy record', async () => {
    const own = await portal.page('/portal/');
    const proxy = await portal.page(`/portal/proxy/${CHILD}`);
    expect(own.status).toBe(200);
    expect(own.body).toContain('Posttraumatic stress disorder');
    expect(own.body).not.toContain('Zayan');
    expect(proxy.status).toBe(503);
    expect(proxy.body).toContain('Your record is not available at the moment.');
    expect(proxy.body).not.toMatch(/refused|Zayan/);
  });
});

describe('patient online view of a suspected perpetrator (terminology.md R8)', () => {
  let portal: PortalSandbox;

  beforeAll(async () => {
    portal = await startPortalSandbox({ patientId: 'seed-003', proxies: [] });
  });
  afterAll(() => portal.close());

  it('shows a suspected perpetrator his own online record without the suspicion', async () => {
    const { leaks, secrets } = await leaksOf(portal, 'seed-003', SELF_PAGES);
    expect(secrets).toEqual(
      expect.arrayContaining(['206411000000103', 'Alleged perpetrator of domestic violence']),
    );
    expect(leaks).toEqual([]);
    const { body } = await portal.page('/portal/');
    expect(body).toContain('Imran Qureshi');
    expect(body).toContain('Blood pressure review');
    expect(body).not.toMatch(/perpetrat|abuse|Samira/i);
  });
});

describe('patient online view: nothing reveals by its absence that something was hidden', () => {
  let portal: PortalSandbox;

  beforeAll(async () => {
    portal = await startPortalSandbox({ pageSize: 3 });
    await addUnshowableRecords(portal.sandbox.fhir.repo, SELF);
    await addUnshowableRecords(portal.sandbox.fhir.repo, CHILD);
  });
  afterAll(() => portal.close());

  it('renders exactly the pages it would render if the hidden records had never existed', async () => {
    const pages = [...SELF_PAGES, ...PROXY_PAGES];
    const before = await Promise.all(pages.map((p) => portal.page(p)));
    const deleted =
      (await deleteUnshowable(portal.sandbox.fhir.repo, SELF)) +
      (await deleteUnshowable(portal.sandbox.fhir.repo, CHILD));
    const after = await Promise.all(pages.map((p) => portal.page(p)));
    expect(deleted).toBeGreaterThanOrEqual(20);
    for (const [i, path] of pages.entries()) {
      expect(before[i]?.status, path).toBe(200);
      expect(before[i]?.body, path).toBe(after[i]?.body);
    }
  });
});
