/** Where the sandbox authorization server lives, derived once from the public base URL. */
export interface AuthUrls {
  readonly issuer: string;
  readonly fhirBase: string;
  readonly authorize: string;
  readonly token: string;
  readonly jwks: string;
  readonly introspect: string;
  readonly revoke: string;
  readonly userinfo: string;
}

/** Paths of the oidc-provider routes, relative to the `/auth` mount. */
export const AUTH_ROUTES = {
  authorization: '/authorize',
  token: '/token',
  jwks: '/jwks',
  introspection: '/introspect',
  revocation: '/revoke',
  userinfo: '/userinfo',
} as const;

export function authUrls(publicBaseUrl: string): AuthUrls {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const issuer = `${base}/auth`;
  return {
    issuer,
    fhirBase: `${base}/fhir`,
    authorize: `${issuer}${AUTH_ROUTES.authorization}`,
    token: `${issuer}${AUTH_ROUTES.token}`,
    jwks: `${issuer}${AUTH_ROUTES.jwks}`,
    introspect: `${issuer}${AUTH_ROUTES.introspection}`,
    revoke: `${issuer}${AUTH_ROUTES.revocation}`,
    userinfo: `${issuer}${AUTH_ROUTES.userinfo}`,
  };
}

/** Identity and launch scopes the server knows (besides resource scopes). */
export const STATIC_SCOPES = [
  'openid',
  'fhirUser',
  'profile',
  'launch',
  'launch/patient',
  'launch/encounter',
  'offline_access',
  'online_access',
] as const;

const CAPABILITIES = [
  'launch-ehr',
  'launch-standalone',
  'authorize-post',
  'client-public',
  'client-confidential-symmetric',
  'context-banner',
  'context-ehr-patient',
  'context-ehr-encounter',
  'context-standalone-patient',
  'permission-offline',
  'permission-online',
  'permission-patient',
  'permission-user',
  'permission-v1',
  'permission-v2',
  'sso-openid-connect',
] as const;

/**
 * The SMART App Launch 2.2 discovery document (conformance.md "Metadata"): PKCE S256 only, the capabilities this
 * server really has, and the endpoints under `/auth`.
 */
export function smartConfigurationDocument(urls: AuthUrls): Record<string, unknown> {
  return {
    issuer: urls.issuer,
    jwks_uri: urls.jwks,
    authorization_endpoint: urls.authorize,
    token_endpoint: urls.token,
    introspection_endpoint: urls.introspect,
    revocation_endpoint: urls.revoke,
    userinfo_endpoint: urls.userinfo,
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'none'],
    scopes_supported: [
      ...STATIC_SCOPES,
      'patient/*.cruds',
      'patient/*.rs',
      'user/*.cruds',
      'user/*.rs',
      'system/*.cruds',
      'system/*.rs',
    ],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    capabilities: [...CAPABILITIES],
  };
}
