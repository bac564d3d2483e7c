import type { CapabilityStatement, Extension } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { buildCapabilityStatement } from '../../../src/sandbox/fhir/capability-statement.builder.ts';
import { loadFhirDefinitions } from '../../../src/sandbox/fhir/definitions.loader.ts';
import { call, startFhirServer } from './fhir-test-server.ts';

const BASE = 'http://localhost:8080/fhir';
const OAUTH = {
  authorize: 'http://localhost:8080/auth/authorize',
  token: 'http://localhost:8080/auth/token',
};

function oauthUris(statement: CapabilityStatement): Record<string, string | undefined> {
  const extension = statement.rest?.[0]?.security?.extension?.find(
    (e: Extension) => e.url === 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
  );
  return Object.fromEntries((extension?.extension ?? []).map((e) => [e.url, e.valueUri]));
}

describe('buildCapabilityStatement', () => {
  loadFhirDefinitions();
  const date = new Date('2026-01-02T03:04:05Z');

  it('advertises SMART oauth-uris and the SMART-on-FHIR service when given the endpoints', () => {
    const statement = buildCapabilityStatement({ baseUrl: BASE, oauthUris: OAUTH, date });
    expect(oauthUris(statement)).toEqual(OAUTH);
    expect(statement.rest?.[0]?.security?.service?.[0]?.coding?.[0]?.code).toBe('SMART-on-FHIR');
    expect(statement.date).toBe('2026-01-02T03:04:05.000Z');
    expect(statement.implementation?.url).toBe(BASE);
  });

  it('has no security section for an open server', () => {
    expect(buildCapabilityStatement({ baseUrl: BASE, date }).rest?.[0]?.security).toBeUndefined();
  });

  it('lists the evaluable search parameters per type, not composite ones', () => {
    const statement = buildCapabilityStatement({ baseUrl: BASE, date });
    const observation = statement.rest?.[0]?.resource?.find((r) => r.type === 'Observation');
    const names = (observation?.searchParam ?? []).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['patient', 'code', 'date', 'value-quantity', '_security']));
    expect(names).not.toContain('code-value-quantity');
    expect(names).not.toContain('_project');
    expect(observation?.interaction?.map((i) => i.code)).toContain('history-type');
    expect(observation?.searchInclude).toContain('Observation:patient');
    expect(statement.rest?.[0]?.interaction?.map((i) => i.code)).toEqual(['transaction', 'batch']);
  });
});

describe('open discovery endpoints', () => {
  it('serves /metadata and /.well-known/smart-configuration', async () => {
    const server = await startFhirServer({
      oauthUris: OAUTH,
      smartConfiguration: () => ({ authorization_endpoint: OAUTH.authorize, capabilities: ['launch-ehr'] }),
    });
    try {
      const metadata = await call(`${server.base}/metadata`);
      const smart = await call(`${server.base}/.well-known/smart-configuration`);
      expect(metadata.status).toBe(200);
      expect(oauthUris(metadata.json as CapabilityStatement).token).toBe(OAUTH.token);
      expect(smart.status).toBe(200);
      expect(smart.json).toEqual({ authorization_endpoint: OAUTH.authorize, capabilities: ['launch-ehr'] });
    } finally {
      await server.close();
    }
  });
});
