import type { Coding, Resource } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { DVA_VALUE_SET_IDS, isSafeForPatientFacing } from '../../../src/sandbox/patient-portal/index.ts';
import {
  ACT_CODE_SYSTEM,
  CONFIDENTIALITY_SYSTEM,
  dvaSecurityLabels,
  LABEL_NOPAT,
  SNOMED,
} from '../../../src/shared/index.ts';
import { terminology } from '../../../src/terminology/index.ts';

const PATIENT = 'p-1';
const subject = { reference: `Patient/${PATIENT}` };
const sct = (code: string, display: string): Coding => ({ system: SNOMED, code, display });

function condition(extra: Partial<Record<string, unknown>> = {}): Resource {
  return {
    resourceType: 'Condition',
    subject,
    code: { coding: [sct('35489007', 'Depressive disorder')] },
    ...extra,
  } as Resource;
}

describe('isSafeForPatientFacing (the portal’s own check after the label policy)', () => {
  it.each<[string, Resource, boolean]>([
    ['an ordinary record of the patient', condition(), true],
    ['the patient’s own Patient resource', { resourceType: 'Patient', id: PATIENT }, true],
    ['the full DVA label set', condition({ meta: { security: dvaSecurityLabels() } }), false],
    ['NOPAT alone', condition({ meta: { security: [LABEL_NOPAT] } }), false],
    ['R alone', condition({ meta: { security: [{ system: CONFIDENTIALITY_SYSTEM, code: 'R' }] } }), false],
    ['V alone', condition({ meta: { security: [{ system: CONFIDENTIALITY_SYSTEM, code: 'V' }] } }), false],
    ['SDV alone', condition({ meta: { security: [{ system: ACT_CODE_SYSTEM, code: 'SDV' }] } }), false],
    [
      'a DVA code without labels',
      condition({ code: { coding: [sct('879911000000102', 'Victim of domestic abuse')] } }),
      false,
    ],
    [
      'a DVA reason on an unlabelled consultation',
      {
        resourceType: 'Encounter',
        subject,
        reasonCode: [{ coding: [sct('881081000000100', 'Domestic abuse victim in household')] }],
      } as Resource,
      false,
    ],
    [
      'a DVA value on an unlabelled observation',
      {
        resourceType: 'Observation',
        subject,
        code: { text: 'Risk' },
        valueCodeableConcept: { coding: [sct('759481000000100', 'At high risk of domestic violence')] },
      } as Resource,
      false,
    ],
    ['another patient’s record', condition({ subject: { reference: 'Patient/p-2' } }), false],
    ['another Patient resource', { resourceType: 'Patient', id: 'p-2' }, false],
    ['a record about nobody', condition({ subject: undefined }), false],
    [
      'a record entered in error',
      condition({ verificationStatus: { coding: [{ code: 'entered-in-error' }] } }),
      false,
    ],
    [
      'an absolute subject reference',
      condition({ subject: { reference: `https://fhir.example/Patient/${PATIENT}` } }),
      true,
    ],
  ])('%s → %s', (_name, resource, expected) => {
    expect(isSafeForPatientFacing(resource, PATIENT, terminology)).toBe(expected);
  });

  it('names only ValueSets that exist in terminology/', () => {
    for (const id of DVA_VALUE_SET_IDS) expect(terminology.concepts(id).length, id).toBeGreaterThan(0);
  });
});
