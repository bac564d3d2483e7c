import type { Flag } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { mapReviewToBundle } from '../../../src/recording/index.ts';
import { dvaSecurityLabels } from '../../../src/shared/index.ts';
import {
  lastReviewByFlag,
  readReviews,
} from '../../../src/smart-app/web/safeguarding/review-history.model.ts';

const FLAG: Flag = {
  resourceType: 'Flag',
  id: 'flag-1',
  meta: { security: dvaSecurityLabels('R') },
  status: 'active',
  code: { coding: [{ system: 'http://snomed.info/sct', code: '879911000000102' }] },
  subject: { reference: 'Patient/p1' },
};
const REVIEWER = 'Practitioner/sandbox-safeguarding-lead';

function reviewed(at: string, closeReason?: string) {
  const bundle = mapReviewToBundle(
    { flag: FLAG, acknowledged: true, marac: 'referred', actionsTaken: 'IDVA informed', closeReason },
    { reviewerRef: REVIEWER, now: new Date(at), taskId: `task-${at}`, provenanceId: `prov-${at}` },
  );
  return (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
}

describe('reading the safeguarding reviews back', () => {
  const resources = [...reviewed('2026-10-01T10:00:00Z'), ...reviewed('2026-11-01T10:00:00Z', 'Resolved')];

  it('reads each review Task the mapper writes, newest first', () => {
    expect(readReviews(resources)).toEqual([
      {
        flagRef: 'Flag/flag-1',
        date: '2026-11-01T10:00:00.000Z',
        reviewer: REVIEWER,
        acknowledged: true,
        marac: 'Referral to MARAC (multi-agency risk assessment conference)',
        actionsTaken: 'IDVA informed',
        closeReason: 'Flag closed: Resolved',
      },
      expect.objectContaining({ date: '2026-10-01T10:00:00.000Z', acknowledged: true }),
    ]);
  });

  it('knows when each flag was last reviewed', () => {
    expect(lastReviewByFlag(resources)).toEqual(new Map([['Flag/flag-1', '2026-11-01T10:00:00.000Z']]));
  });
});
