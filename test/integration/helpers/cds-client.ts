import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

/** An outside CDS client (an EHR) with its own ES384 key, trusted through a `CDS_CLIENTS_FILE`. */
export interface CdsTestClient {
  readonly iss: string;
  /** Signs a CDS Hooks client JWT for one endpoint (`aud` = its exact URL). */
  sign(audience: string): Promise<string>;
  /** Writes `[{ iss, jwks }]` into `dir` and returns the file path. */
  writeClientsFile(dir: string): Promise<string>;
}

export async function createCdsTestClient(iss = 'https://ehr.integration.example'): Promise<CdsTestClient> {
  const { publicKey, privateKey } = await generateKeyPair('ES384');
  const kid = `integration-${randomUUID()}`;
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'ES384', use: 'sig' };
  return {
    iss,
    sign(audience) {
      const iat = Math.floor(Date.now() / 1000);
      return new SignJWT({})
        .setProtectedHeader({ alg: 'ES384', kid, typ: 'JWT' })
        .setIssuer(iss)
        .setSubject('safe-enquiry-service')
        .setAudience(audience)
        .setIssuedAt(iat)
        .setExpirationTime(iat + 300)
        .setJti(randomUUID())
        .sign(privateKey);
    },
    async writeClientsFile(dir) {
      const file = path.join(dir, 'cds-clients.json');
      await writeFile(file, JSON.stringify([{ iss, jwks: { keys: [publicJwk] } }]));
      return file;
    },
  };
}

export interface JsonReply<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T | undefined;
  readonly text: string;
}

/** A fetch that keeps status, headers and raw text, and parses JSON when there is any. */
export async function fetchJson<T = unknown>(url: string, init: RequestInit = {}): Promise<JsonReply<T>> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  const text = await response.text();
  let body: T | undefined;
  try {
    body = text.length > 0 ? (JSON.parse(text) as T) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** POSTs JSON with this client's JWT for `url`. */
export async function postSigned<T = unknown>(
  client: CdsTestClient,
  url: string,
  body: unknown,
): Promise<JsonReply<T>> {
  return fetchJson<T>(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Bearer ${await client.sign(url)}`,
    },
    body: JSON.stringify(body),
  });
}

/** GETs with this client's JWT for `url` (discovery). */
export async function getSigned<T = unknown>(client: CdsTestClient, url: string): Promise<JsonReply<T>> {
  return fetchJson<T>(url, {
    headers: { accept: 'application/json', authorization: `Bearer ${await client.sign(url)}` },
  });
}
