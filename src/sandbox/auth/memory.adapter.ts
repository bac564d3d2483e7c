import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

interface Entry {
  readonly payload: AdapterPayload;
  readonly expiresAt: number;
}

/** Models whose records hang off a grant and die with it (`revokeByGrantId`). */
const GRANTABLE: ReadonlySet<string> = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken']);
const PRUNE_EVERY = 256;

/**
 * oidc-provider storage in memory, one store per provider instance (the built-in adapter shares one LRU of 1000
 * records across every provider in the process and warns at start). Uses oidc-provider's own clock (Date.now), since
 * that is what its `expiresIn` values are relative to. Lost on restart, like launches: JWT access tokens stay
 * valid because the signing key is persisted.
 */
export function createMemoryAdapter(): AdapterFactory {
  const records = new Map<string, Entry>();
  const index = new Map<string, string>();
  const grants = new Map<string, Set<string>>();
  let writes = 0;

  const alive = (key: string): AdapterPayload | undefined => {
    const entry = records.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > Date.now()) return entry.payload;
    records.delete(key);
    return undefined;
  };

  const prune = (): void => {
    const now = Date.now();
    for (const [key, entry] of records) if (entry.expiresAt <= now) records.delete(key);
    for (const [key, target] of index) if (!records.has(target)) index.delete(key);
    for (const [grantId, keys] of grants) {
      for (const key of keys) if (!records.has(key)) keys.delete(key);
      if (keys.size === 0) grants.delete(grantId);
    }
  };

  return (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        if (++writes % PRUNE_EVERY === 0) prune();
        const expiresAt =
          typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY;
        records.set(key(id), { payload: { ...payload }, expiresAt });
        if (model === 'Session' && payload.uid) index.set(`uid:${payload.uid}`, key(id));
        if (payload.userCode) index.set(`userCode:${payload.userCode}`, key(id));
        if (GRANTABLE.has(model) && payload.grantId) {
          grants.set(payload.grantId, (grants.get(payload.grantId) ?? new Set()).add(key(id)));
        }
      },
      find: async (id) => alive(key(id)),
      findByUid: async (uid) => alive(index.get(`uid:${uid}`) ?? ''),
      findByUserCode: async (userCode) => alive(index.get(`userCode:${userCode}`) ?? ''),
      async consume(id) {
        const payload = alive(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        records.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        for (const member of grants.get(grantId) ?? []) records.delete(member);
        grants.delete(grantId);
      },
    };
  };
}
