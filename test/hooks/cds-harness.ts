import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';
import { type CdsConfig, type CdsDeps, createCdsApp } from '../../src/hooks/index.ts';
import { openStateStore, type StateStore } from '../../src/state/index.ts';
import { fullPrefetch } from './prefetch-builders.ts';
import { NOW } from './rule-harness.ts';

/** Base URL the service believes it is at (JWT `aud`); independent of the ephemeral port the test listens on. */
export const PUBLIC_BASE = 'https://cds.test';
export const ISSUER = 'https://ehr.test/ehr';
export const SERVICE_ID = 'safe-enquiry-patient-view';
export const ENCOUNTER_SERVICE_ID = 'safe-enquiry-encounter-start';
export const SERVICE_AUD = `${PUBLIC_BASE}/cds-services/${SERVICE_ID}`;
export const DISCOVERY_AUD = `${PUBLIC_BASE}/cds-services`;

export interface SigningKey {
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
  readonly kid: string;
  readonly alg: string;
}

export async function makeKey(alg = 'ES384', kid: string = randomUUID()): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }, kid, alg };
}

export interface TokenOptions {
  readonly aud?: string | string[];
  readonly iss?: string;
  readonly key?: SigningKey;
  readonly header?: Record<string, unknown>;
  readonly claims?: JWTPayload;
  readonly iat?: number;
  readonly exp?: number;
  readonly omit?: readonly ('jti' | 'exp' | 'iat' | 'kid')[];
}

export interface Harness {
  readonly url: string;
  /** The service's clock (fixed by default, so dated fixtures stay valid), in epoch seconds. */
  nowSeconds(): number;
  readonly key: SigningKey;
  readonly state: StateStore;
  /** Signs a client JWT (defaults: the harness key, ES384, aud = the patient-view service). */
  token(options?: TokenOptions): Promise<string>;
  post(
    path: string,
    body: unknown,
    options?: { token?: string | null; headers?: Record<string, string> },
  ): Promise<Response>;
  get(path: string, options?: { token?: string | null }): Promise<Response>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly config?: Partial<CdsConfig>;
  readonly deps?: Partial<CdsDeps>;
  readonly clients?: CdsConfig['trustedClients'];
}

/** Starts the CDS router in an express app on an ephemeral port with an in-memory state store. */
export async function startCds(options: HarnessOptions = {}): Promise<Harness> {
  const key = await makeKey();
  const state = options.deps?.state ?? (await openStateStore(':memory:'));
  const config: CdsConfig = {
    publicBaseUrl: PUBLIC_BASE,
    trustedClients: options.clients ?? [{ iss: ISSUER, jwks: { keys: [key.publicJwk] } }],
    appLaunchUrl: 'https://app.test/app/launch',
    allowedOrigins: ['https://ehr.test'],
    ...options.config,
  };
  const clock = options.deps?.now ?? (() => NOW);
  const nowSeconds = () => Math.floor(clock().getTime() / 1000);
  const cds = await createCdsApp(config, { state, now: clock, ...options.deps });
  const app = express();
  app.use('/cds-services', cds.router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const token = async (o: TokenOptions = {}): Promise<string> => {
    const k = o.key ?? key;
    const omit = new Set(o.omit ?? []);
    const iat = o.iat ?? nowSeconds();
    const header = { alg: k.alg, typ: 'JWT', ...(omit.has('kid') ? {} : { kid: k.kid }), ...o.header };
    const jwt = new SignJWT({ ...(omit.has('jti') ? {} : { jti: randomUUID() }), ...o.claims })
      .setProtectedHeader(header as { alg: string })
      .setIssuer(o.iss ?? ISSUER)
      .setAudience(o.aud ?? SERVICE_AUD);
    if (!omit.has('iat')) jwt.setIssuedAt(iat);
    if (!omit.has('exp')) jwt.setExpirationTime(o.exp ?? iat + 300);
    return jwt.sign(k.privateKey);
  };
  const authHeaders = async (t: string | null | undefined, aud: string): Promise<Record<string, string>> => {
    if (t === null) return {};
    return { authorization: `Bearer ${t ?? (await token({ aud }))}` };
  };
  const audFor = (path: string) => `${PUBLIC_BASE}${path}`;
  return {
    url,
    nowSeconds,
    key,
    state,
    token,
    async post(path, body, o = {}) {
      return fetch(`${url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(await authHeaders(o.token, audFor(path))),
          ...o.headers,
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    async get(path, o = {}) {
      return fetch(`${url}${path}`, { headers: await authHeaders(o.token, audFor(path)) });
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await cds.close();
      if (!options.deps?.state) await state.close();
    },
  };
}

/** `fhirAuthorization` says the data is what this user may see (needed for the review card); never called here. */
export const userAuthorization = {
  fhirServer: 'https://fhir.test/fhir',
  fhirAuthorization: {
    access_token: 't',
    token_type: 'Bearer',
    expires_in: 300,
    scope: 'patient/*.rs',
    subject: 'c',
    patient: 'test-patient',
  },
};

/** A patient-view request body with every prefetch key present and empty unless overridden. */
export function hookBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    hookInstance: randomUUID(),
    hook: 'patient-view',
    context: { userId: 'Practitioner/sandbox-gp', patientId: 'test-patient' },
    prefetch: fullPrefetch([]),
    ...overrides,
  };
}
