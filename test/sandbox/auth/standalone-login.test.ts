import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthSandbox, startAuthSandbox } from './helpers/auth-sandbox.ts';
import { CookieBrowser } from './helpers/cookie-browser.ts';
import { mountNodeApp, type SmartClient } from './helpers/node-app.ts';
import { seed } from './helpers/seed.ts';

const SCOPE = 'launch/patient openid fhirUser patient/*.rs';

describe('standalone launch through the sandbox login page', () => {
  let sandbox: AuthSandbox;
  let ready: SmartClient | undefined;

  beforeAll(async () => {
    sandbox = await startAuthSandbox({
      routes: (app, baseUrl) =>
        mountNodeApp(app, {
          clientId: 'safe-enquiry-app',
          scope: SCOPE,
          iss: `${baseUrl}/fhir`,
          onReady: (c) => (ready = c),
        }),
    });
    await seed(sandbox);
  });
  afterAll(() => sandbox.close());

  async function openLoginPage(
    browser: CookieBrowser,
  ): Promise<{ html: string; action: string; csp: string }> {
    const result = await browser.get(`${sandbox.baseUrl}/app/launch`);
    expect(result.response.status).toBe(200);
    const html = await result.response.text();
    const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1] ?? '';
    return {
      html,
      action: new URL(action, sandbox.baseUrl).href,
      csp: result.response.headers.get('content-security-policy') ?? '',
    };
  }

  async function signIn(form: Record<string, string>): Promise<SmartClient> {
    ready = undefined;
    const browser = new CookieBrowser();
    const page = await openLoginPage(browser);
    const result = await browser.post(page.action, form);
    expect(await result.response.text()).toBe('ready');
    const client = ready as SmartClient | undefined;
    if (!client) throw new Error('ready() did not run');
    return client;
  }

  it('renders a script-free page listing the six sandbox users, under a strict CSP', async () => {
    const page = await openLoginPage(new CookieBrowser());
    expect(page.html).not.toMatch(/<script/i);
    expect(page.html.match(/type="radio" name="user"/g)).toHaveLength(6);
    expect(page.html).toContain('<select name="patient">');
    expect(page.csp).toContain("default-src 'none'");
    expect(page.csp).toContain(`form-action 'self' ${sandbox.baseUrl}`);
    expect(page.csp).not.toContain('unsafe-inline');
  });

  it('gives the patient user their own record as context', async () => {
    const client = await signIn({ user: 'persona-samira', patient: 'persona-tara' });
    const claims = decodeJwt(String(client.state.tokenResponse?.access_token));
    expect(claims).toMatchObject({
      role: 'patient',
      fhirUser: 'Patient/persona-samira',
      patient: 'persona-samira',
    });
    expect(client.state.tokenResponse?.need_patient_banner).toBe(true);
    expect((await client.patient.read()).id).toBe('persona-samira');
  });

  it('lets a clinician pick the patient in context', async () => {
    const client = await signIn({ user: 'sandbox-mh-clinician', patient: 'persona-tara' });
    expect(client.state.tokenResponse?.patient).toBe('persona-tara');
    expect(decodeJwt(String(client.state.tokenResponse?.access_token)).role).toBe('mh-clinician');
  });

  it('refuses an unknown user', async () => {
    const browser = new CookieBrowser();
    const page = await openLoginPage(browser);
    const result = await browser.post(page.action, { user: 'sandbox-root' });
    expect(result.response.status).toBe(400);
  });
});
