import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createSmartAuth,
  defaultSandboxClients,
  defaultSandboxUsers,
} from '../../../src/sandbox/auth/index.ts';
import { KEY_FILE } from '../../../src/sandbox/auth/key.store.ts';
import { type AuthSandbox, startAuthSandbox } from './helpers/auth-sandbox.ts';

const BASE = 'http://sandbox.test';

function options(dataDir: string) {
  return {
    publicBaseUrl: BASE,
    dataDir,
    clients: defaultSandboxClients(BASE),
    users: defaultSandboxUsers,
    writeAuditEvent: async () => {},
  };
}

const readPatient = (token: string) => ({
  method: 'GET',
  path: 'Patient/persona-samira',
  query: {},
  headers: { authorization: `Bearer ${token}` },
  body: undefined,
});

describe('key material', () => {
  const dirs: string[] = [];
  let sandbox: AuthSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('persists signing keys and the generated service secret across restarts (file mode 0600)', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'smart-auth-keys-'));
    dirs.push(dataDir);
    const first = await createSmartAuth(options(dataDir));
    const token = await first.mintAccessToken({
      clientId: 'safe-enquiry-service',
      role: 'system',
      scope: 'system/*.rs',
    });
    await first.close();
    const second = await createSmartAuth(options(dataDir));
    expect((await second.access.authorize(readPatient(token))).role).toBe('system');
    const secret = (auth: typeof first) =>
      auth.clients.find((c) => c.clientId === 'safe-enquiry-service')?.clientSecret;
    expect(secret(second)).toBe(secret(first));
    expect(secret(first)?.length).toBeGreaterThanOrEqual(32);
    expect((await stat(path.join(dataDir, KEY_FILE))).mode & 0o777).toBe(0o600);
    await second.close();
  });

  it('uses a configured service secret instead of generating one', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'smart-auth-keys-'));
    dirs.push(dataDir);
    const auth = await createSmartAuth({
      ...options(dataDir),
      clients: defaultSandboxClients(BASE, 'configured-secret-that-is-long-enough-0001'),
    });
    expect(auth.clients.find((c) => !c.public)?.clientSecret).toBe(
      'configured-secret-that-is-long-enough-0001',
    );
  });

  it('keeps keys in memory without a dataDir: tokens of one instance are not valid at another', async () => {
    const { dataDir: _ignored, ...memory } = options('');
    const a = await createSmartAuth(memory);
    const b = await createSmartAuth(memory);
    const token = await a.mintAccessToken({ clientId: 'x', role: 'system', scope: 'system/*.rs' });
    await expect(b.access.authorize(readPatient(token))).rejects.toMatchObject({ status: 401 });
  });

  it('publishes only public key members at /auth/jwks', async () => {
    sandbox = await startAuthSandbox();
    const jwks = (await (await fetch(`${sandbox.baseUrl}/auth/jwks`)).json()) as {
      keys: Record<string, unknown>[];
    };
    expect(jwks.keys.map((k) => k.alg).sort()).toEqual(['ES384', 'RS256']);
    for (const key of jwks.keys)
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key[member]).toBeUndefined();
  });
});
