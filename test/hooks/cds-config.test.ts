import { describe, expect, it } from 'vitest';
import { createCdsApp, parseTrustedClients, resolveCdsConfig } from '../../src/hooks/index.ts';
import { DEFAULT_RULE_CONFIG } from '../../src/hooks/rules/index.ts';
import { openStateStore } from '../../src/state/index.ts';
import { terminology } from '../../src/terminology/index.ts';
import { makeKey } from './cds-harness.ts';

const base = {
  publicBaseUrl: 'https://cds.example/',
  trustedClients: [],
  appLaunchUrl: 'https://cds.example/app/launch',
};

describe('CDS configuration', () => {
  it('applies the documented defaults', () => {
    const c = resolveCdsConfig(base);
    expect(c).toMatchObject({
      publicBaseUrl: 'https://cds.example',
      maxBodyBytes: 4 * 1024 * 1024,
      prefetchBudgetMs: 400,
      algorithms: ['ES384', 'RS384'],
      clockToleranceSeconds: 60,
      maxTokenAgeSeconds: 3600,
      allowedOrigins: [],
      storeFeedbackComments: false,
      sourceLabel: 'Safe Enquiry',
      evaluationThreads: 0,
      evaluationYoungGenerationMb: 16,
    });
    expect(c.rules).toEqual(DEFAULT_RULE_CONFIG);
  });

  it('bounds the evaluation threads, and refuses worker threads with injected ids or terminology', async () => {
    expect(() => resolveCdsConfig({ ...base, evaluationThreads: 17 })).toThrow(/evaluationThreads/);
    expect(() => resolveCdsConfig({ ...base, evaluationThreads: -1 })).toThrow(/evaluationThreads/);
    const state = await openStateStore(':memory:');
    try {
      await expect(
        createCdsApp({ ...base, evaluationThreads: 1 }, { state, newId: () => 'fixed' }),
      ).rejects.toThrow(/evaluationThreads 0/);
    } finally {
      await state.close();
    }
  });

  it('reports every problem at once', () => {
    expect(() =>
      resolveCdsConfig({
        ...base,
        publicBaseUrl: 'not a url',
        allowedOrigins: ['https://ehr.example/path'],
        algorithms: ['HS256' as never],
        sourceLabel: 'Domestic abuse prompts',
        rules: { repeatSelfHarm: { minEpisodes: 1 } },
      }),
    ).toThrow(
      /publicBaseUrl[\s\S]*allowedOrigins[\s\S]*algorithms[\s\S]*rules\.repeatSelfHarm\.minEpisodes[\s\S]*sourceLabel/,
    );
  });
});

describe('trusted clients (CDS_CLIENTS_FILE)', () => {
  it('accepts the contract shape with an inline JWKS or a jwks_uri', async () => {
    const key = await makeKey();
    const clients = parseTrustedClients([
      { iss: 'https://ehr.example', jwks: { keys: [key.publicJwk] } },
      { iss: 'https://epic.example', jwks_uri: 'https://epic.example/jwks', tenant: 't1' },
      { iss: 'http://localhost:8080/ehr', jwks_uri: 'http://localhost:8080/ehr/.well-known/jwks.json' },
    ]);
    expect(clients).toHaveLength(3);
  });

  it('refuses private or symmetric keys, plain-http remote JWKS, clients without keys, unknown fields', async () => {
    const { privateKey } = await makeKey();
    const { exportJWK } = await import('jose');
    const privateJwk = await exportJWK(privateKey);
    const attempt = () =>
      parseTrustedClients([
        { iss: 'a', jwks: { keys: [privateJwk] } },
        { iss: 'b', jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] } },
        { iss: 'c', jwks_uri: 'http://ehr.example/jwks' },
        { iss: 'd' },
        { iss: 'e', jwks_uri: 'https://e.example/jwks', jku_allowlist: ['x'] },
      ]);
    expect(attempt).toThrow(
      /\[0[\s\S]*private[\s\S]*\[1[\s\S]*\[2[\s\S]*https[\s\S]*\[3\][\s\S]*jwks or jwks_uri[\s\S]*\[4\]/,
    );
  });
});

describe('rule configuration drift against terminology/', () => {
  it('the default CAMHS service types exist in the care-setting ConceptMap and map to mental-health', () => {
    for (const coding of DEFAULT_RULE_CONFIG.wholeFamily.camhsServiceTypes) {
      expect(terminology.careSetting(coding)).toBe('mental-health');
    }
  });
});
