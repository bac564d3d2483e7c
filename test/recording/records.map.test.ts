import { describe, expect, it } from 'vitest';
import { type DvaForm, mapFormToBundle } from '../../src/recording/index.ts';
import { recordCodings } from '../../src/recording/summary-fields.read.ts';
import { OperationOutcomeError } from '../../src/shared/index.ts';
import { terminology } from '../../src/terminology/index.ts';
import { recordOf, resourcesOf } from './bundle.invariants.ts';
import { ASKED, codes, map, ofType, PATIENT } from './bundle-query.helper.ts';
import { contextFor, KATE, NOT_ASKED, OWN_PERPETRATION, SAMIRA } from './forms.fixture.ts';

describe('other records: children and suspected perpetrators', () => {
  it('records DVA in the household on each linked child, unlinked to the parent', () => {
    const bundle = map(SAMIRA, 'persona-samira');
    for (const child of ['persona-samira-child-1', 'persona-samira-child-2']) {
      const own = resourcesOf(bundle).filter((r) => recordOf(r) === `Patient/${child}`);
      expect(own.map((r) => `${r.resourceType}:${codes({ coding: recordCodings(r) })[0]}`)).toEqual([
        'Condition:sct|881081000000100',
        'Flag:sct|881081000000100',
      ]);
      const text = JSON.stringify(own);
      expect(text).not.toContain('Patient/persona-samira"');
      expect(text).not.toContain('Encounter/');
      expect(own.every((r) => r.meta?.security?.[0]?.code === 'V')).toBe(true);
    }
  });

  it('records suspected perpetration only on the perpetrator’s record, with nothing about the victim', () => {
    const bundle = map(KATE, 'persona-kate');
    const perpetrator = 'Patient/persona-kate-former-partner';
    const victimSide = resourcesOf(bundle).filter((r) =>
      JSON.stringify(r).includes('"Patient/persona-kate"'),
    );
    const perpetratorSide = resourcesOf(bundle).filter((r) => JSON.stringify(r).includes(`"${perpetrator}"`));
    expect(victimSide.some((r) => JSON.stringify(r).includes(perpetrator))).toBe(false);
    expect(victimSide.some((r) => terminology.containsAny('alleged-perpetrator', recordCodings(r)))).toBe(
      false,
    );
    const perpetratorText = JSON.stringify(perpetratorSide);
    for (const victimMarker of [
      '"Patient/persona-kate"',
      'encounter-persona-kate',
      'submission-persona-kate',
    ]) {
      expect(perpetratorText).not.toContain(victimMarker);
    }
    expect(perpetratorSide.every((r) => r.meta?.security?.[0]?.code === 'V')).toBe(true);
    expect(
      ofType(bundle, 'Flag')
        .filter((f) => f.subject.reference === perpetrator)
        .map((f) => codes(f.code)[0]),
    ).toEqual(['sct|206411000000103', 'local|risk-to-others', 'local|risk-to-children']);
    const provenances = ofType(bundle, 'Provenance');
    const victimIds = new Set(victimSide.map((r) => `${r.resourceType}/${r.id}`));
    for (const provenance of provenances) {
      const targets = provenance.target.map((t) => victimIds.has(t.reference ?? ''));
      expect(new Set(targets).size, 'one Provenance per record').toBe(1);
    }
  });

  it('keeps an own disclosure on the patient’s record with its encounter, provisional', () => {
    const bundle = map(OWN_PERPETRATION, 'sandbox-patient-perpetrator');
    const [condition] = ofType(bundle, 'Condition');
    expect(codes(condition?.verificationStatus)).toEqual([
      'http://terminology.hl7.org/CodeSystem/condition-ver-status|provisional',
    ]);
    expect(codes(condition?.evidence?.[0]?.code?.[0])).toEqual(['local|perpetration-source-own-disclosure']);
    expect(condition?.encounter?.reference).toBe('Encounter/encounter-sandbox-patient-perpetrator');
    expect(ofType(bundle, 'Procedure')).toEqual([]);
  });
});

describe('ids, context and errors', () => {
  it('derives the same ids from the same submission and different ids from another', () => {
    const ids = (submissionId: string) =>
      resourcesOf(mapFormToBundle(SAMIRA, contextFor('persona-samira', { submissionId }))).map((r) => r.id);
    expect(ids('submission-a')).toEqual(ids('submission-a'));
    expect(ids('submission-a').some((id) => ids('submission-b').includes(id))).toBe(false);
  });

  it.each([
    ['the patient', 'Patient/persona-kate'],
    ['a linked child', 'Patient/persona-kate-child-1'],
    ['the suspected perpetrator', 'Patient/persona-kate-former-partner'],
  ])('names the app Device as the assembler beside the author on %s’s record', (_name, record) => {
    const bundle = mapFormToBundle(
      KATE,
      contextFor('persona-kate', { appDevice: 'Device/safe-enquiry-app' }),
    );
    const provenance = ofType(bundle, 'Provenance').filter((p) =>
      p.target.every((t) =>
        resourcesOf(bundle).some(
          (r) => `${r.resourceType}/${r.id}` === t.reference && recordOf(r) === record,
        ),
      ),
    );
    expect(provenance).toHaveLength(1);
    expect(provenance[0]?.agent.map((a) => [codes(a.type)[0], a.who.reference])).toEqual([
      ['http://terminology.hl7.org/CodeSystem/provenance-participant-type|author', 'Practitioner/sandbox-gp'],
      [
        'http://terminology.hl7.org/CodeSystem/provenance-participant-type|assembler',
        'Device/safe-enquiry-app',
      ],
    ]);
  });

  it('omits the encounter and the device when the context has none', () => {
    const bundle = mapFormToBundle(
      NOT_ASKED,
      contextFor(PATIENT, { encounterId: undefined, appDevice: undefined }),
    );
    expect(JSON.stringify(bundle)).not.toMatch(/Encounter\/|Device\//);
    expect(ofType(bundle, 'Provenance')[0]?.agent).toHaveLength(1);
  });

  it('rejects a bad context with every problem at once (400)', () => {
    const context = {
      ...contextFor(PATIENT),
      submissionId: 'x',
      authorRef: 'Patient/p1',
      now: new Date(Number.NaN),
    };
    try {
      mapFormToBundle(NOT_ASKED, context);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OperationOutcomeError);
      const outcome = (error as OperationOutcomeError).outcome;
      expect((error as OperationOutcomeError).status).toBe(400);
      expect(outcome.issue.map((i) => i.expression?.[0])).toEqual([
        'context.submissionId',
        'context.authorRef',
        'context.now',
      ]);
    }
  });

  it('re-validates the form (422) so an unchecked form cannot be mapped', () => {
    const form = { enquiry: { ...ASKED, outcome: 'not-asked' } } as DvaForm;
    expect(() => map(form)).toThrow(OperationOutcomeError);
  });
});
