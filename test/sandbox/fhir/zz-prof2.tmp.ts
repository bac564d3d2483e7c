import { parseSearchRequest } from '@medplum/core';
import { SandboxRepository } from '../../../src/sandbox/fhir/index.ts';

const repo = await SandboxRepository.open();
const pats: string[] = [];
for (let i = 0; i < 100; i++) pats.push((await repo.createResource({ resourceType: 'Patient' })).id);
for (let i = 0; i < 10000; i++)
  await repo.createResource({
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'urn:x', code: `c${i % 5}` }] },
    subject: { reference: `Patient/${pats[i % 100]}` },
    effectiveDateTime: `202${i % 5}-01-01`,
    valueQuantity: { value: i % 60 },
  } as never);
for (let i = 0; i < 5; i++) await repo.search(parseSearchRequest(`Observation?subject=Patient/${pats[i]}`));
const { Session } = await import('node:inspector/promises');
const s = new Session();
s.connect();
await s.post('Profiler.enable');
await s.post('Profiler.start');
const t = performance.now();
for (let i = 0; i < 100; i++)
  await repo.search(parseSearchRequest(`Observation?subject=Patient/${pats[i % 100]}`));
console.log(((performance.now() - t) / 100).toFixed(1), 'ms');
const { profile } = await s.post('Profiler.stop');
(await import('node:fs')).writeFileSync('/tmp/search.cpuprofile', JSON.stringify(profile));
