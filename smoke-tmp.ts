import { mapFormToBundle, readDvaSummary } from './src/recording/index.ts';
import { validateR4 } from './test/recording/fhir-validation.helper.ts';
import type { FhirResource } from 'fhir/r4.js';
const form = {
  enquiry: { setting: 'general-practice', patientAlone: true, privateSpace: true, interpreter: 'not-needed', outcome: 'asked-disclosed' },
  disclosure: { timing: 'current', abuseTypes: ['physical', 'coercive-control'], relationships: ['husband'], duration: { value: 7, unit: 'years' }, pregnant: false, children: { count: 2, ages: [6, 9], linkedPatientIds: ['child-1'] } },
  risk: { dashAnswers: Array.from({ length: 24 }, (_, i) => (i < 15 ? 'yes' : 'no')), professionalJudgement: false, level: 'high' },
  actions: { referrals: [{ target: 'idva', status: 'made' }, { target: 'marac', status: 'made', maracCriterion: 'visible-high-risk' }], safetyPlan: true, informationGiven: true, followUpDate: '2026-12-01' },
  consent: { decision: 'given', lawfulBasis: 'consent' },
  suspectedPerpetration: { patientId: 'perp-1', source: 'third-party', riskToOthers: true, riskToChildren: true },
} as const;
const b = mapFormToBundle(form as never, { submissionId: 'sub-00000001', patientId: 'persona-samira', authorRef: 'Practitioner/sandbox-gp', appDevice: 'Device/safe-enquiry-app', encounterId: 'enc-1', now: new Date('2026-11-23T10:00:00Z') });
console.log(b.entry?.length, b.entry?.map(e => e.request?.url).join('\n'));
for (const e of b.entry ?? []) { const i = validateR4(e.resource as object); if (i.length) console.log(e.request?.url, JSON.stringify(i)); }
const pat = (b.entry ?? []).map(e => e.resource as FhirResource).filter(r => JSON.stringify(r).includes('Patient/persona-samira'));
console.log(JSON.stringify(readDvaSummary(pat), null, 1));
import express from 'express';
import { createFhirService } from './src/sandbox/fhir/index.ts';
const app = express();
const server0 = app.listen(0);
const port = (server0.address() as { port: number }).port;
const svc = await createFhirService({ baseUrl: `http://localhost:${port}/fhir` });
app.use('/fhir', svc.router);
const base = `http://localhost:${port}/fhir`;
const post = async () => { const r = await fetch(base, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(b) }); const j = await r.json(); console.log(r.status, j.resourceType, j.type, (j.entry ?? []).map((e: { response?: { status?: string } }) => e.response?.status).join(','), j.issue ? JSON.stringify(j.issue) : ''); };
await post(); await post();
const r = await fetch(`${base}/Condition?_count=100`); const j = await r.json(); console.log('conditions', j.total, j.entry?.length);
const h = await fetch(`${base}/Condition/${b.entry?.[2]?.resource?.id}/_history`); const hj = await h.json(); console.log('history', hj.entry?.length);
const c = await fetch(`${base}/Condition/${b.entry?.[2]?.resource?.id}`); console.log(JSON.stringify((await c.json()).meta));
server0.close(); await svc.close();
