import type { Flag, Provenance, Task } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { type MaracOutcome, mapReviewToBundle, type ReviewOutcome } from '../../src/recording/index.ts';
import { dvaSecurityLabels } from '../../src/shared/index.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const CONTEXT = {
  reviewerRef: 'Practitioner/sandbox-safeguarding-lead',
  now: NOW,
  taskId: 'review-1',
  provenanceId: 'prov-1',
};
const FLAG: Flag = {
  resourceType: 'Flag',
  id: 'flag-1',
  meta: { versionId: '7', security: dvaSecurityLabels('R') },
  status: 'active',
  code: { coding: [{ system: 'http://snomed.info/sct', code: '759481000000100' }] },
  subject: { reference: 'Patient/p1' },
  period: { start: '2026-01-01T00:00:00Z' },
};

function review(overrides: Partial<ReviewOutcome> = {}): ReviewOutcome {
  return { flag: FLAG, acknowledged: true, marac: 'none', ...overrides };
}

function resources(outcome: ReviewOutcome) {
  const bundle = mapReviewToBundle(outcome, CONTEXT);
  const all = (bundle.entry ?? []).map((e) => e.resource);
  return {
    bundle,
    task: all.find((r): r is Task => r?.resourceType === 'Task'),
    flag: all.find((r): r is Flag => r?.resourceType === 'Flag'),
    provenance: all.find((r): r is Provenance => r?.resourceType === 'Provenance'),
  };
}

describe('mapReviewToBundle', () => {
  it('writes a completed review Task on the flag and a Provenance, in one transaction of PUTs', () => {
    const { bundle, task, flag, provenance } = resources(review({ actionsTaken: 'Spoke to the IDVA' }));
    expect(bundle.type).toBe('transaction');
    expect(bundle.entry?.map((e) => e.request)).toEqual([
      { method: 'PUT', url: 'Task/review-1' },
      { method: 'PUT', url: 'Provenance/prov-1' },
    ]);
    expect(flag).toBeUndefined();
    expect(task).toMatchObject({
      status: 'completed',
      code: { coding: [{ code: 'safeguarding-review' }] },
      businessStatus: { text: 'Acknowledged' },
      focus: { reference: 'Flag/flag-1' },
      for: { reference: 'Patient/p1' },
      authoredOn: NOW.toISOString(),
      note: [{ text: 'Spoke to the IDVA' }],
    });
    expect(provenance?.target).toEqual([{ reference: 'Task/review-1' }]);
    expect(provenance?.agent[0]?.who).toEqual({ reference: CONTEXT.reviewerRef });
  });

  it.each([
    ['none', undefined],
    ['referred', '978091000000105'],
    ['discussed', '758941000000108'],
    ['closed', '1078361000000107'],
  ] as const)('records the MARAC outcome %s as %s', (marac: MaracOutcome, code) => {
    const { task } = resources(review({ marac }));
    expect(task?.output?.[0]?.valueCodeableConcept?.coding?.[0]?.code).toBe(code);
  });

  it('closes the flag with period.end and says why on the Task', () => {
    const { bundle, task, flag, provenance } = resources(review({ closeReason: 'Moved away, case closed' }));
    expect(bundle.entry?.map((e) => e.request?.url)).toEqual([
      'Task/review-1',
      'Flag/flag-1',
      'Provenance/prov-1',
    ]);
    expect(flag).toMatchObject({
      status: 'inactive',
      period: { start: '2026-01-01T00:00:00Z', end: NOW.toISOString() },
    });
    expect(flag?.meta?.versionId).toBeUndefined();
    expect(bundle.entry?.[1]?.request?.ifMatch).toBe('W/"7"');
    expect(bundle.entry?.[0]?.request?.ifMatch).toBeUndefined();
    expect(task?.statusReason?.text).toContain('Moved away, case closed');
    expect(provenance?.target).toEqual([{ reference: 'Task/review-1' }, { reference: 'Flag/flag-1' }]);
  });

  it.each([
    ['R', review({ closeReason: 'Resolved' })],
    ['V', review({ flag: { ...FLAG, meta: { security: dvaSecurityLabels('V') } }, closeReason: 'Resolved' })],
  ] as const)('labels every resource %s, SDV and NOPAT', (level, outcome) => {
    for (const entry of mapReviewToBundle(outcome, CONTEXT).entry ?? []) {
      expect(entry.resource?.meta?.security).toEqual(dvaSecurityLabels(level));
    }
  });

  it('ignores a blank close reason and blank actions', () => {
    const { flag, task } = resources(review({ closeReason: '  ', actionsTaken: ' ', acknowledged: false }));
    expect(flag).toBeUndefined();
    expect(task?.note).toBeUndefined();
    expect(task?.businessStatus).toBeUndefined();
  });
});
