import type { Bundle, Condition } from 'fhir/r4.js';
import smart from 'fhirclient';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayReadRestricted, unprivilegedUsers } from '../../../src/sandbox/auth/label-policy.ts';
import { defaultSandboxUsers } from '../../../src/sandbox/auth/sandbox-users.ts';
import { readAccessLog } from '../../../src/smart-app/web/safeguarding/access-log.model.ts';
import { type AuthSandbox, startAuthSandbox } from './helpers/auth-sandbox.ts';
import { CookieBrowser } from './helpers/cookie-browser.ts';
import { memoryStorage, type SmartClient } from './helpers/node-app.ts';
import { seed } from './helpers/seed.ts';

const SCOPE = 'launch openid fhirUser offline_access patient/*.rs';
const REASON = 'Patient collapsed in surgery; usual GP away; need history for urgent care';
const LOCUM = 'Practitioner/sandbox-locum';

describe('the label policy for a user without the restricted privilege', () => {
  const unprivileged = unprivilegedUsers(defaultSandboxUsers);
  const locum = { clientId: 'app', role: 'gp', fhirUser: LOCUM, scopes: [] } as const;

  it('names the locum only', () => {
    expect([...unprivileged]).toEqual([LOCUM]);
  });

  it('refuses restricted records to the locum unless the glass is broken with a reason', () => {
    expect(mayReadRestricted(locum, unprivileged)).toBe(false);
    expect(mayReadRestricted({ ...locum, breakGlassReason: '  ' }, unprivileged)).toBe(false);
    expect(mayReadRestricted({ ...locum, breakGlassReason: REASON }, unprivileged)).toBe(true);
    expect(mayReadRestricted({ ...locum, fhirUser: 'Practitioner/sandbox-gp' }, unprivileged)).toBe(true);
  });
});

describe('break the glass through the authorization server (issue 6 item 3)', () => {
  let sandbox: AuthSandbox;
  let ready: SmartClient | undefined;
  let reason: string | undefined;

  beforeAll(async () => {
    sandbox = await startAuthSandbox({
      routes: (app) => {
        const storage = memoryStorage();
        app.get('/app/launch', async (req, res, next) => {
          try {
            const url = await smart(req, res, storage).authorize({
              clientId: 'safe-enquiry-app',
              scope: SCOPE,
              redirectUri: '/app/',
              pkceMode: 'required',
              noRedirect: true,
            });
            const target = new URL(String(url));
            if (reason !== undefined) target.searchParams.set('break_glass_reason', reason);
            res.redirect(target.toString());
          } catch (error) {
            next(error);
          }
        });
        app.get('/app/', async (req, res) => {
          try {
            ready = await smart(req, res, storage).ready();
            res.type('text/plain').send('ready');
          } catch {
            res.status(400).type('text/plain').send('not ready');
          }
        });
      },
    });
    await seed(sandbox);
  });
  afterAll(() => sandbox.close());

  async function launch(userId: string, withReason?: string) {
    ready = undefined;
    reason = withReason;
    const launchId = await sandbox.auth.createLaunch({ userId, patient: 'persona-samira' });
    const url = `${sandbox.baseUrl}/app/launch?iss=${encodeURIComponent(sandbox.fhirBase)}&launch=${launchId}`;
    const result = await new CookieBrowser().get(url);
    const text = await result.response.text();
    const client = ready as SmartClient | undefined;
    return { text, token: client?.state.tokenResponse ?? {} };
  }

  function read(path: string, access: unknown): Promise<Response> {
    return fetch(`${sandbox.fhirBase}/${path}`, {
      headers: { authorization: `Bearer ${String(access)}`, accept: 'application/fhir+json' },
    });
  }

  async function conditionIds(access: unknown): Promise<(string | undefined)[]> {
    const response = await read('Condition?patient=persona-samira', access);
    expect(response.status).toBe(200);
    return ((await response.json()) as Bundle<Condition>).entry?.map((e) => e.resource?.id) ?? [];
  }

  it('hides the seeded restricted Condition from the locum, and says break-glass is available', async () => {
    const { text, token } = await launch('sandbox-locum');
    expect(text).toBe('ready');
    expect(token.restricted_access).toBe('none');
    expect(decodeJwt(String(token.access_token)).break_glass_reason).toBeUndefined();
    expect((await read('Condition/cond-samira-dva', token.access_token)).status).not.toBe(200);
    expect(await conditionIds(token.access_token)).not.toContain('cond-samira-dva');
  });

  it('after break-glass with a reason shows it, for this session only, audited as ETREAT with the reason', async () => {
    const before = sandbox.audits.length;
    const { text, token } = await launch('sandbox-locum', REASON);
    expect(text).toBe('ready');
    expect(token.restricted_access).toBe('break-glass');
    expect(token.refresh_token).toBeUndefined();
    expect(decodeJwt(String(token.access_token))).toMatchObject({
      fhirUser: LOCUM,
      break_glass_reason: REASON,
    });
    expect((await read('Condition/cond-samira-dva', token.access_token)).status).toBe(200);
    expect(await conditionIds(token.access_token)).toContain('cond-samira-dva');
    const events = sandbox.audits.slice(before);
    const glass = events.filter((e) =>
      e.purposeOfEvent?.some((p) => p.coding?.some((c) => c.code === 'ETREAT') && p.text === REASON),
    );
    expect(glass.length).toBeGreaterThan(0);
    expect(glass[0]?.agent[0]?.who?.reference).toBe(LOCUM);
    const log = readAccessLog(glass, new Set([LOCUM]), 'Practitioner/sandbox-safeguarding-lead');
    expect(log[0]).toMatchObject({ who: LOCUM, breakGlass: true, breakGlassReason: REASON, alert: true });
  });

  it('keeps a fully privileged GP’s tokens free of restricted_access', async () => {
    const { token } = await launch('sandbox-gp');
    expect(token.restricted_access).toBeUndefined();
    expect(typeof token.refresh_token).toBe('string');
  });

  it('refuses break-glass to the data lead, and a blank reason', async () => {
    expect((await launch('sandbox-data-lead', REASON)).text).toBe('not ready');
    expect((await launch('sandbox-locum', '   ')).text).toBe('not ready');
    expect((await launch('sandbox-locum', 'x'.repeat(501))).text).toBe('not ready');
  });
});
