import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SandboxRepository } from '../../../src/sandbox/fhir/index.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'w-'));
const repo = await SandboxRepository.open(dir);
const obs = (i: number) =>
  ({
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'urn:x', code: `c${i % 5}` }] },
    subject: { reference: `Patient/p${i % 100}` },
    effectiveDateTime: `202${i % 5}-01-01`,
    valueQuantity: { value: i % 60 },
  }) as never;
for (const n of [500, 2000]) {
  const t = performance.now();
  for (let i = 0; i < n; i++) await repo.createResource(obs(i));
  console.log('sequential with fsync', (n / ((performance.now() - t) / 1000)).toFixed(0), '/s');
}
const t = performance.now();
await Promise.all(
  Array.from({ length: 8 }, async (_, w) => {
    for (let i = 0; i < 250; i++) await repo.createResource(obs(i + w));
  }),
);
console.log('8 concurrent with fsync', (2000 / ((performance.now() - t) / 1000)).toFixed(0), '/s');
await repo.close();
fs.rmSync(dir, { recursive: true });
