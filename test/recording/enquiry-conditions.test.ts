import { describe, expect, it } from 'vitest';
import { ASKED, DISCLOSED, problems } from './form-problems.helper.ts';

describe('parseDvaForm: the conditions of an enquiry, required unless not asked', () => {
  it.each([
    ['asked-disclosed', 'setting', 'form-invalid-value'],
    ['asked-no-disclosure', 'patientAlone', 'form-invalid-type'],
    ['declined', 'privateSpace', 'form-invalid-type'],
    ['declined', 'interpreter', 'form-invalid-value'],
    [undefined, 'patientAlone', 'form-invalid-type'],
  ])('when %s, a missing enquiry.%s is still required (%s)', (outcome, field, reason) => {
    const enquiry: Record<string, unknown> = { ...ASKED, outcome };
    delete enquiry[field];
    const form = outcome === 'asked-disclosed' ? { ...DISCLOSED, enquiry } : { enquiry };
    const expected = [{ reason, expression: `enquiry.${field}` }];
    if (outcome === undefined)
      expected.unshift({ reason: 'form-invalid-value', expression: 'enquiry.outcome' });
    expect(problems(form)).toEqual(expected);
  });

  it.each([
    ['nothing', {}],
    ['only the setting', { setting: 'mental-health' }],
    ['alone and private, no interpreter answer', { patientAlone: false, privateSpace: true }],
  ])('when not asked, the conditions may be unknown: %s', (_name, known) => {
    const enquiry = { outcome: 'not-asked', notAskedReason: 'not-asked-not-safe-now', ...known };
    expect(problems({ enquiry })).toEqual([]);
  });

  it('when not asked, a condition given is still checked', () => {
    const enquiry = { outcome: 'not-asked', notAskedReason: 'not-asked-not-safe-now', patientAlone: 'no' };
    expect(problems({ enquiry })).toEqual([
      { reason: 'form-invalid-type', expression: 'enquiry.patientAlone' },
    ]);
  });
});
