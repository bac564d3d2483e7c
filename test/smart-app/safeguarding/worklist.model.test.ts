import type { AuditEvent, Encounter, Flag, Patient } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { careTeamOf, readAccessLog } from '../../../src/smart-app/web/safeguarding/access-log.model.ts';
import {
  arrangeRows,
  buildWorklist,
  CASE_CATEGORIES,
  type CaseCategory,
  categoryOf,
} from '../../../src/smart-app/web/safeguarding/worklist.model.ts';

const SCT = 'http://snomed.info/sct';
const NOW = new Date('2026-11-23T10:00:00Z');
const LEAD = 'Practitioner/sandbox-safeguarding-lead';

function flag(
  id: string,
  code: string,
  start: string,
  patient = id,
  status: Flag['status'] = 'active',
): Flag {
  return {
    resourceType: 'Flag',
    id,
    status,
    code: { coding: [{ system: SCT, code }] },
    subject: { reference: `Patient/${patient}` },
    period: { start },
  };
}

describe('categoryOf', () => {
  it.each([
    ['879911000000102', 'new-disclosure'],
    ['429746005', 'new-disclosure'],
    ['759481000000100', 'high-risk'],
    ['978091000000105', 'marac'],
    ['206411000000103', 'perpetrator'],
    ['881081000000100', 'child-household'],
    ['38341003', undefined],
  ] as const)('classifies %s as %s', (code, category) => {
    expect(categoryOf(flag('f', code, '2026-01-01'))).toBe(category);
  });
});

describe('the worklist', () => {
  const patient: Patient = { resourceType: 'Patient', id: 'a', name: [{ given: ['Ann'], family: 'Able' }] };
  const rows = buildWorklist(
    [
      flag('a', '879911000000102', '2026-11-01T00:00:00Z'),
      flag('b', '759481000000100', '2026-10-01T00:00:00Z'),
      flag('c', '206411000000103', '2025-11-23T00:00:00Z'),
      flag('d', '759481000000100', '2026-11-20T00:00:00Z', 'd', 'inactive'),
      patient,
    ],
    NOW,
  );

  it('keeps active DVA flags only, with the patient name and age in days', () => {
    expect(rows.map((r) => [r.flagId, r.category, r.ageDays])).toEqual([
      ['a', 'new-disclosure', 22],
      ['b', 'high-risk', 53],
      ['c', 'perpetrator', 365],
    ]);
    expect(rows[0]?.patientName).toBe('Ann Able');
  });

  it.each([
    ['risk', CASE_CATEGORIES, ['b', 'c', 'a']],
    ['age', CASE_CATEGORIES, ['c', 'b', 'a']],
    ['risk', ['new-disclosure', 'perpetrator'], ['c', 'a']],
  ] as const)('sorts by %s with filters %j', (sort, categories, ids) => {
    const arranged = arrangeRows(rows, new Set<CaseCategory>(categories), sort);
    expect(arranged.map((r) => r.flagId)).toEqual(ids);
  });
});

describe('who has looked', () => {
  const encounter: Encounter = {
    resourceType: 'Encounter',
    status: 'finished',
    class: { code: 'AMB' },
    participant: [{ individual: { reference: 'Practitioner/sandbox-gp' } }],
  };
  const authored: Flag = { ...flag('f', '879911000000102', '2026-01-01'), author: { reference: LEAD } };
  function event(id: string, who: string, purpose = 'TREAT', text?: string): AuditEvent {
    return {
      resourceType: 'AuditEvent',
      id,
      type: { code: 'rest' },
      recorded: `2026-11-2${id}T10:00:00Z`,
      agent: [
        {
          who: who.includes('/') ? { reference: who } : { display: who },
          requestor: true,
          purposeOfUse: [
            {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: purpose }],
              ...(text ? { text } : {}),
            },
          ],
        },
      ],
      source: { observer: { display: 'server' } },
      entity: [{ what: { reference: 'Flag/f' } }, { what: { reference: 'Patient/p' } }],
    };
  }

  it('finds the care team on encounters and as record authors', () => {
    expect([...careTeamOf([encounter, authored])].sort()).toEqual(['Practitioner/sandbox-gp', LEAD]);
  });

  it('alerts on strangers and break-the-glass, not on the care team, the reviewer or services', () => {
    const log = readAccessLog(
      [
        event('1', 'Practitioner/sandbox-gp'),
        event('2', LEAD),
        event('3', 'Practitioner/sandbox-mh-clinician'),
        event('4', 'Practitioner/sandbox-gp', 'ETREAT', 'Unconscious in A&E'),
        event('5', 'safe-enquiry-service'),
      ],
      careTeamOf([encounter]),
      LEAD,
    );
    expect(log.map((e) => [e.id, e.alert, e.breakGlass])).toEqual([
      ['5', false, false],
      ['4', true, true],
      ['3', true, false],
      ['2', false, false],
      ['1', false, false],
    ]);
    expect(log[1]?.breakGlassReason).toBe('Unconscious in A&E');
    expect(log[4]?.what).toEqual(['Flag']);
  });
});
