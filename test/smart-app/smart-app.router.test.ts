import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmartAppRouter } from '../../src/smart-app/server/index.ts';
import {
  appConfigSchema,
  appScopes,
  reviewScopes,
  SANDBOX_REFERRAL_DIRECTORY,
} from '../../src/smart-app/shared/index.ts';

let distDir: string;
let server: Server;
let base: string;

async function start(): Promise<void> {
  const app = express();
  app.use(
    '/app',
    createSmartAppRouter({
      distDir,
      publicBaseUrl: 'http://ehr.test:8080',
      frameAncestors: ['https://ehr.example.org'],
      appDevice: 'Device/safe-enquiry-app',
    }),
  );
  app.use(
    '/missing',
    createSmartAppRouter({ distDir: path.join(distDir, 'none'), publicBaseUrl: 'http://ehr.test:8080' }),
  );
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

beforeAll(async () => {
  distDir = await mkdtemp(path.join(os.tmpdir(), 'smart-app-router-'));
  await mkdir(path.join(distDir, 'assets'));
  await writeFile(
    path.join(distDir, 'index.html'),
    '<!doctype html><title>Clinical note</title><script type="module" src="/app/assets/main-abc.js"></script>',
  );
  await writeFile(path.join(distDir, 'assets/main-abc.js'), 'export {};');
  await start();
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(distDir, { recursive: true, force: true });
});

describe('createSmartAppRouter', () => {
  it.each(['/app/', '/app/launch', '/app/safeguarding/launch'])(
    'serves the app at %s with strict security headers',
    async (route) => {
      const response = await fetch(`${base}${route}?iss=x&launch=y`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>Clinical note</title>');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'self' https://ehr.example.org");
      expect(csp).toContain("connect-src 'self' http://ehr.test:8080");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect(
        Object.fromEntries(
          ['referrer-policy', 'cache-control', 'x-content-type-options'].map((h) => [
            h,
            response.headers.get(h),
          ]),
        ),
      ).toEqual({
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
    },
  );

  it('hands the browser its configuration: client, redirect, scopes, allowed servers, directory', async () => {
    const response = await fetch(`${base}/app/config.json`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(appConfigSchema.parse(await response.json())).toEqual({
      clientId: 'safe-enquiry-app',
      redirectUri: 'http://ehr.test:8080/app/',
      fhirBaseUrl: 'http://ehr.test:8080/fhir',
      allowedIssuers: ['http://ehr.test:8080/fhir'],
      scopes: { ehr: appScopes('ehr'), standalone: appScopes('standalone') },
      reviewScopes: { ehr: reviewScopes('ehr'), standalone: reviewScopes('standalone') },
      directory: SANDBOX_REFERRAL_DIRECTORY,
      appDevice: 'Device/safe-enquiry-app',
    });
  });

  it('caches content-hashed assets, and answers anything else with a plain 404', async () => {
    const asset = await fetch(`${base}/app/assets/main-abc.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const route of [
      '/app/assets/nothing.js',
      '/app/index.html',
      '/app/launch/x',
      '/app/assets/..%2f..%2findex.html',
    ]) {
      const response = await fetch(`${base}${route}`);
      expect(response.status, route).toBe(404);
      expect(response.headers.get('cache-control'), route).toBe('no-store');
    }
  });

  it('says plainly when the app has not been built', async () => {
    const response = await fetch(`${base}/missing/`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build:app');
  });

  it('refuses a bad configuration when it is created', () => {
    expect(() => createSmartAppRouter({ distDir, publicBaseUrl: 'not a url' })).toThrow();
    expect(() =>
      createSmartAppRouter({
        distDir,
        publicBaseUrl: 'http://ehr.test',
        directory: [{ id: 'Bad Id', target: 'idva', name: 'x' }],
      }),
    ).toThrow();
  });
});
