import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthSandbox, startAuthSandbox } from './helpers/auth-sandbox.ts';

describe('SMART discovery', () => {
  let sandbox: AuthSandbox;
  beforeAll(async () => {
    sandbox = await startAuthSandbox();
  });
  afterAll(() => sandbox.close());

  it('serves the SMART 2.2 fields at /fhir/.well-known/smart-configuration', async () => {
    const doc = (await (await fetch(`${sandbox.fhirBase}/.well-known/smart-configuration`)).json()) as Record<
      string,
      unknown
    >;
    const auth = `${sandbox.baseUrl}/auth`;
    expect(doc).toMatchObject({
      issuer: auth,
      jwks_uri: `${auth}/jwks`,
      authorization_endpoint: `${auth}/authorize`,
      token_endpoint: `${auth}/token`,
      grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
    });
    expect(doc.capabilities).toEqual(
      expect.arrayContaining([
        'launch-ehr',
        'launch-standalone',
        'client-public',
        'client-confidential-symmetric',
        'context-ehr-patient',
        'context-ehr-encounter',
        'context-standalone-patient',
        'permission-v1',
        'permission-v2',
        'permission-patient',
        'permission-user',
        'sso-openid-connect',
        'authorize-post',
      ]),
    );
    expect(doc.scopes_supported).toEqual(
      expect.arrayContaining(['openid', 'fhirUser', 'launch', 'launch/patient']),
    );
  });

  it('agrees with the authorization server its own discovery describes', async () => {
    const smart = sandbox.auth.smartConfiguration();
    const oidc = (await (
      await fetch(`${sandbox.baseUrl}/auth/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    for (const field of [
      'issuer',
      'jwks_uri',
      'authorization_endpoint',
      'token_endpoint',
      'introspection_endpoint',
      'revocation_endpoint',
      'userinfo_endpoint',
    ]) {
      expect([field, smart[field]]).toEqual([field, oidc[field]]);
    }
    expect(oidc.code_challenge_methods_supported).toEqual(['S256']);
    expect(oidc.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(smart.token_endpoint_auth_methods_supported as string[]),
    );
  });
});
