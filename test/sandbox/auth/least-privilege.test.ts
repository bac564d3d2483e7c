import type { Bundle, Flag } from 'fhir/r4.js';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayRoleHaveScope } from '../../../src/sandbox/auth/role-scope.policy.ts';
import { appScopes, reviewScopes } from '../../../src/smart-app/shared/index.ts';
import { type AuthSandbox, startAuthSandbox } from './helpers/auth-sandbox.ts';
import { CookieBrowser } from './helpers/cookie-browser.ts';
import { mountNodeApp, type SmartClient } from './helpers/node-app.ts';
import { seed } from './helpers/seed.ts';

describe('role-scope policy', () => {
  it.each([
    ['gp', 'user/Flag.rs', false],
    ['gp', 'user/*.rs', false],
    ['gp', 'user/Condition.cruds', false],
    ['mh-clinician', 'user/AuditEvent.s', false],
    ['gp', 'user/Flag.cu', true],
    ['gp', 'user/Patient.r', true],
    ['gp', 'user/RelatedPerson.s', true],
    ['gp', 'patient/Flag.rs', true],
    ['gp', 'openid', true],
    ['safeguarding-lead', 'user/Flag.rs', true],
    ['safeguarding-lead', 'user/AuditEvent.rs', true],
  ] as const)('lets a %s have %s: %s', (role, scope, allowed) => {
    expect(mayRoleHaveScope(role, scope)).toBe(allowed);
  });
});

describe('least privilege through the authorization server (the app’s two scope sets)', () => {
  let sandbox: AuthSandbox;
  let ready: SmartClient | undefined;
  let scope = appScopes('ehr');

  beforeAll(async () => {
    sandbox = await startAuthSandbox({
      routes: (app) =>
        mountNodeApp(app, {
          clientId: 'safe-enquiry-app',
          get scope() {
            return scope;
          },
          onReady: (c) => (ready = c),
        }),
    });
    await seed(sandbox);
  });
  afterAll(() => sandbox.close());

  async function launch(userId: string, scopes: string, patient?: string) {
    ready = undefined;
    scope = scopes;
    const launchId = await sandbox.auth.createLaunch({ userId, ...(patient ? { patient } : {}) });
    const url = `${sandbox.baseUrl}/app/launch?iss=${encodeURIComponent(sandbox.fhirBase)}&launch=${launchId}`;
    const result = await new CookieBrowser().get(url);
    expect(await result.response.text()).toBe('ready');
    const client = ready as SmartClient | undefined;
    if (!client) throw new Error('fhirclient ready() did not run');
    const token = client.state.tokenResponse ?? {};
    return { access: String(token.access_token), granted: String(token.scope ?? '').split(' ') };
  }

  function search(path: string, access: string): Promise<Response> {
    return fetch(`${sandbox.fhirBase}/${path}`, {
      headers: { authorization: `Bearer ${access}`, accept: 'application/fhir+json' },
    });
  }

  it('gives a GP’s recording launch no cross-patient reads: searching Flag across patients is refused', async () => {
    const { access, granted } = await launch('sandbox-gp', appScopes('ehr'), 'persona-samira');
    expect(granted).toEqual(expect.arrayContaining(['patient/Flag.rs', 'user/Flag.cu']));
    expect(granted.filter((s) => /^user\/.*\.[a-z]*[rs]/.test(s)).sort()).toEqual([
      'user/Patient.r',
      'user/RelatedPerson.s',
    ]);
    expect((await search('Flag', access)).status).toBe(403);
    expect((await search('Flag?patient=persona-tara', access)).status).toBe(403);
    expect((await search('Flag?patient=persona-samira', access)).status).toBe(200);
  });

  it('drops the review scopes when a GP asks for them (a token without them)', async () => {
    const { access, granted } = await launch('sandbox-gp', reviewScopes('ehr'));
    expect(granted).not.toContain('user/Flag.rs');
    expect(granted).toContain('user/Task.cu');
    expect(String(decodeJwt(access).scope).split(' ')).not.toContain('user/Flag.rs');
    expect((await search('Flag', access)).status).toBe(403);
    expect((await search('AuditEvent', access)).status).toBe(403);
  });

  it('grants the review scopes to the safeguarding lead, without a patient, for the worklist', async () => {
    const { access, granted } = await launch('sandbox-safeguarding-lead', reviewScopes('ehr'));
    expect(granted).toEqual(expect.arrayContaining(['user/Flag.rs', 'user/AuditEvent.rs']));
    expect(decodeJwt(access).patient).toBeUndefined();
    const response = await search('Flag', access);
    expect(response.status, await response.clone().text()).toBe(200);
    const ids = ((await response.json()) as Bundle<Flag>).entry?.map((e) => e.resource?.id);
    expect(ids).toContain('flag-samira-restricted');
  });
});
