import { parseSearchRequest } from '@medplum/core';
import { SandboxRepository } from '../../../src/sandbox/fhir/index.ts';

const repo = await SandboxRepository.open();
const pats: string[] = [];
for (let i = 0; i < 100; i++) pats.push((await repo.createResource({ resourceType: 'Patient' })).id);
let t = performance.now();
for (let i = 0; i < 10000; i++)
  await repo.createResource({
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'urn:x', code: `c${i % 5}` }] },
    subject: { reference: `Patient/${pats[i % 100]}` },
    effectiveDateTime: `202${i % 5}-01-01`,
    valueQuantity: { value: i % 60 },
  } as never);
console.log('create/s', 10000 / ((performance.now() - t) / 1000));
for (const q of [
  'patient=X&code=urn:x|c1',
  'patient=X&date=ge2022-01-01&_sort=-date&_count=10',
  'patient=X',
  'code=urn:x|c1&_count=10',
  'subject=Patient/X',
]) {
  for (let i = 0; i < 3; i++)
    await repo.search(parseSearchRequest(`Observation?${q.replace('X', pats[i]!)}`));
  t = performance.now();
  const n = 30;
  for (let i = 0; i < n; i++)
    await repo.search(parseSearchRequest(`Observation?${q.replace('X', pats[i]!)}`));
  console.log(q, ((performance.now() - t) / n).toFixed(1), 'ms');
}
