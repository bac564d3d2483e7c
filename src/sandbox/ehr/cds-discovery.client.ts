import { type DiscoveredService, discoverySchema } from './cds.schema.ts';
import type { ClientJwtSigner } from './client-jwt.signer.ts';

const SUCCESS_TTL_MS = 60_000;
const FAILURE_TTL_MS = 5_000;

/** A service found by discovery, with the endpoint URL it is called at. */
export interface CdsService extends DiscoveredService {
  /** `{discoveryUrl}/{id}`: the endpoint and the JWT audience. */
  readonly url: string;
}

export interface DiscoveryResult {
  readonly discoveryUrl: string;
  /** Undefined when discovery failed. */
  readonly services: readonly CdsService[] | undefined;
}

export interface DiscoveryClient {
  discover(discoveryUrl: string, signal: AbortSignal): Promise<DiscoveryResult>;
}

async function fetchServices(
  discoveryUrl: string,
  signer: ClientJwtSigner,
  fetchFn: typeof fetch,
  signal: AbortSignal,
): Promise<readonly CdsService[] | undefined> {
  try {
    const response = await fetchFn(discoveryUrl, {
      headers: { accept: 'application/json', authorization: `Bearer ${await signer.sign(discoveryUrl)}` },
      signal,
      redirect: 'error',
    });
    if (!response.ok) {
      await response.body?.cancel();
      return undefined;
    }
    const parsed = discoverySchema.safeParse(await response.json());
    if (!parsed.success) return undefined;
    return parsed.data.services.map((s) => ({ ...s, url: `${discoveryUrl}/${encodeURIComponent(s.id)}` }));
  } catch {
    return undefined;
  }
}

/**
 * Calls `GET {baseUrl}/cds-services` with a signed JWT (aud = the discovery URL, CDS Hooks 2.0 "Trusting CDS
 * Clients") and caches the answer for a minute (a failure for five seconds, so a restarting service comes back).
 */
export function createDiscoveryClient(
  signer: ClientJwtSigner,
  fetchFn: typeof fetch,
  now: () => Date,
): DiscoveryClient {
  const cache = new Map<string, { expires: number; services: readonly CdsService[] | undefined }>();
  return {
    async discover(discoveryUrl, signal) {
      const cached = cache.get(discoveryUrl);
      if (cached && cached.expires > now().getTime()) return { discoveryUrl, services: cached.services };
      const services = await fetchServices(discoveryUrl, signer, fetchFn, signal);
      const ttl = services === undefined ? FAILURE_TTL_MS : SUCCESS_TTL_MS;
      cache.set(discoveryUrl, { expires: now().getTime() + ttl, services });
      return { discoveryUrl, services };
    },
  };
}
