import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultEvaluationThreads,
  readServeSettings,
  SettingsError,
} from '../../src/hooks/serve.settings.ts';
import { parseTrustProxy } from '../../src/hooks/serve-trust-proxy.ts';

const CWD = path.resolve('/srv/safe-enquiry');
const REQUIRED = {
  PUBLIC_BASE_URL: 'https://cds.example.nhs.uk',
  FHIR_BASE_URL: 'https://ehr.example.nhs.uk/fhir/r4/',
  CDS_CLIENTS_FILE: 'config/clients.json',
  REFERRAL_DIRECTORY_FILE: 'config/directory.json',
};

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    readServeSettings(env, CWD);
  } catch (err) {
    if (err instanceof SettingsError) return err.problems;
    throw err;
  }
  return [];
}

describe('readServeSettings', () => {
  it('evaluates in worker threads: one per core but one, at least one, at most 16; 0 = on the request thread', () => {
    expect([1, 2, 4, 8, 64].map((cores) => defaultEvaluationThreads(cores))).toEqual([1, 1, 3, 7, 16]);
    expect(readServeSettings(REQUIRED, CWD).evaluationThreads).toBe(defaultEvaluationThreads());
    expect(readServeSettings({ ...REQUIRED, CDS_EVALUATION_THREADS: '0' }, CWD).evaluationThreads).toBe(0);
    expect(readServeSettings({ ...REQUIRED, CDS_EVALUATION_THREADS: '3' }, CWD).evaluationThreads).toBe(3);
    expect(problemsOf({ ...REQUIRED, CDS_EVALUATION_THREADS: '17' })).toEqual([
      expect.stringMatching(/^CDS_EVALUATION_THREADS: /),
    ]);
    expect(problemsOf({ ...REQUIRED, CDS_EVALUATION_THREADS: 'many' })).toEqual([
      expect.stringMatching(/^CDS_EVALUATION_THREADS: /),
    ]);
  });

  it('applies the documented defaults', () => {
    const s = readServeSettings(REQUIRED, CWD);
    expect(s).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      publicBaseUrl: 'https://cds.example.nhs.uk',
      trustProxy: false,
      fhirBaseUrl: 'https://ehr.example.nhs.uk/fhir/r4',
      appLaunchUrl: 'https://cds.example.nhs.uk/app/launch',
      clientsFile: path.join(CWD, 'config/clients.json'),
      referralDirectoryFile: path.join(CWD, 'config/directory.json'),
      databaseUrl: path.join(CWD, 'data', 'state.sqlite'),
      requireHttpsFhirServer: true,
      fhirServerAllowlist: ['https://ehr.example.nhs.uk/fhir/r4'],
      allowedIssuers: ['https://ehr.example.nhs.uk/fhir/r4'],
      smartClientId: 'safe-enquiry-app',
      shutdownTimeoutMs: 10_000,
      warnings: [],
    });
    expect(s.appDistDir.endsWith(path.join('dist', 'app'))).toBe(true);
  });

  it('lists every problem at once, field and cross-field', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      CDS_MAX_BODY: '1',
      PUBLIC_BASE_URL: 'http://cds.example.nhs.uk',
      FHIR_BASE_URL: 'http://ehr.example.nhs.uk/fhir',
      TRUST_PROXY: 'the-proxy',
      CDS_ALGORITHMS: 'HS256',
    });
    const names = problems.map((p) => p.split(':')[0]);
    for (const name of [
      'PORT',
      'CDS_MAX_BODY',
      'CDS_CLIENTS_FILE',
      'REFERRAL_DIRECTORY_FILE',
      'PUBLIC_BASE_URL',
      'FHIR_BASE_URL',
      'TRUST_PROXY',
      'CDS_ALGORITHMS.0',
    ])
      expect(names).toContain(name);
  });

  it('refuses a plain-http public URL unless it is loopback or ALLOW_HTTP=true (then warns)', () => {
    const http = { ...REQUIRED, PUBLIC_BASE_URL: 'http://cds.example.nhs.uk' };
    expect(problemsOf(http)).toEqual([expect.stringMatching(/^PUBLIC_BASE_URL: must be https/)]);
    expect(readServeSettings({ ...http, ALLOW_HTTP: 'true' }, CWD).warnings).toHaveLength(1);
    const local = { ...REQUIRED, PUBLIC_BASE_URL: undefined, PORT: '9090' };
    const s = readServeSettings(local, CWD);
    expect(s.publicBaseUrl).toBe('http://localhost:9090');
    expect(s.warnings).toEqual(['PUBLIC_BASE_URL http://localhost:9090 is plain http']);
  });

  it('an http FHIR base needs CDS_REQUIRE_HTTPS_FHIR=false; an explicit allowlist wins over the FHIR base', () => {
    const env = { ...REQUIRED, FHIR_BASE_URL: 'http://127.0.0.1:8081/fhir' };
    expect(problemsOf(env)).toEqual(['FHIR_BASE_URL: must be https while CDS_REQUIRE_HTTPS_FHIR=true']);
    const s = readServeSettings(
      {
        ...env,
        CDS_REQUIRE_HTTPS_FHIR: 'false',
        CDS_FHIR_SERVER_ALLOWLIST: 'https://a.example/fhir, https://b.example/fhir',
      },
      CWD,
    );
    expect(s.fhirServerAllowlist).toEqual(['https://a.example/fhir', 'https://b.example/fhir']);
  });
});

describe('parseTrustProxy (TRUST_PROXY)', () => {
  it.each([
    ['false', false],
    ['true', true],
    ['1', 1],
    ['loopback', ['loopback']],
    [
      '10.0.0.0/8, 192.168.1.7, fd00::/8, uniquelocal',
      ['10.0.0.0/8', '192.168.1.7', 'fd00::/8', 'uniquelocal'],
    ],
  ] as const)('%s', (value, expected) => {
    expect(parseTrustProxy(value)).toEqual({ ok: true, value: expected });
  });

  it.each(['11', 'proxy.example', '10.0.0.0/33', '10.0.0.1/8/1', 'yes'])('refuses %s', (value) => {
    expect(parseTrustProxy(value).ok).toBe(false);
  });
});
