import { describe, expect, it } from 'vitest';
import {
  checkFeedbackInvariants,
  checkReferenceFormat,
  checkRequestInvariants,
  checkResponseInvariants,
} from '../../../src/hooks/protocol/index.ts';

const card = (extra: Record<string, unknown>) => ({
  summary: 's',
  indicator: 'info',
  source: { label: 'x' },
  ...extra,
});
const ids = (violations: readonly { id: string }[]) => violations.map((v) => v.id);

describe('hand-ported HL7 CDS Hooks invariants (HL7/cds-hooks input/fsh/invariants)', () => {
  const responseCases: readonly { id: string; bad: unknown; good: unknown }[] = [
    {
      id: 'cds-resp-1',
      bad: {
        cards: [
          card({
            selectionBehavior: 'at-most-one',
            suggestions: [
              { label: 'a', isRecommended: true },
              { label: 'b', isRecommended: true },
            ],
          }),
        ],
      },
      good: {
        cards: [
          card({
            selectionBehavior: 'any',
            suggestions: [
              { label: 'a', isRecommended: true },
              { label: 'b', isRecommended: true },
            ],
          }),
        ],
      },
    },
    {
      id: 'cds-resp-2',
      bad: {
        cards: [],
        systemActions: [{ type: 'delete', description: 'd', resource: { resourceType: 'Flag' } }],
      },
      good: { cards: [], systemActions: [{ type: 'delete', description: 'd', resourceId: 'Flag/1' }] },
    },
    {
      id: 'cds-resp-3',
      bad: {
        cards: [card({ links: [{ label: 'l', url: 'https://x', type: 'absolute', appContext: '{}' }] })],
      },
      good: { cards: [card({ links: [{ label: 'l', url: 'https://x', type: 'smart', appContext: '{}' }] })] },
    },
    {
      id: 'cds-resp-4',
      bad: { cards: [card({ overrideReasons: [{ system: 's', code: 'c' }] })] },
      good: { cards: [card({ overrideReasons: [{ system: 's', code: 'c', display: 'd' }] })] },
    },
    {
      id: 'cds-resp-5',
      bad: {
        cards: [
          card({ selectionBehavior: 'any', suggestions: [{ label: 'a', actions: [{ type: 'create' }] }] }),
        ],
      },
      good: {
        cards: [
          card({
            selectionBehavior: 'any',
            suggestions: [{ label: 'a', actions: [{ type: 'create', description: 'd' }] }],
          }),
        ],
      },
    },
    {
      id: 'cds-resp-6',
      bad: { cards: [card({ suggestions: [{ label: 'a' }] })] },
      good: { cards: [card({ suggestions: [{ label: 'a' }], selectionBehavior: 'at-most-one' })] },
    },
    {
      id: 'cds-resp-7',
      bad: {
        cards: [
          card({ selectionBehavior: 'any', suggestions: [{ label: 'a', actionSelectionBehavior: 'some' }] }),
        ],
      },
      good: {
        cards: [
          card({ selectionBehavior: 'any', suggestions: [{ label: 'a', actionSelectionBehavior: 'all' }] }),
        ],
      },
    },
  ];

  it.each(responseCases)('$id', ({ id, bad, good }) => {
    expect(ids(checkResponseInvariants(bad))).toContain(id);
    expect(ids(checkResponseInvariants(good))).not.toContain(id);
  });

  it('cds-r-1: fhirAuthorization requires fhirServer', () => {
    expect(ids(checkRequestInvariants({ fhirAuthorization: { access_token: 't' } }))).toContain('cds-r-1');
    expect(
      ids(checkRequestInvariants({ fhirServer: 'https://f', fhirAuthorization: { access_token: 't' } })),
    ).toEqual([]);
  });

  it('cds-r-2 (warning): patient scopes should come with fhirAuthorization.patient', () => {
    const v = checkRequestInvariants({
      fhirServer: 'https://f',
      fhirAuthorization: { scope: 'patient/*.rs' },
    });
    expect(v).toEqual([expect.objectContaining({ id: 'cds-r-2', severity: 'warning' })]);
    expect(
      checkRequestInvariants({
        fhirServer: 'https://f',
        fhirAuthorization: { scope: 'patient/*.rs', patient: 'p' },
      }),
    ).toEqual([]);
  });

  it.each([
    { id: 'cds-fb-1', bad: { outcome: 'dismissed' }, good: { outcome: 'overridden' } },
    {
      id: 'cds-fb-2',
      bad: { outcome: 'accepted' },
      good: { outcome: 'accepted', acceptedSuggestions: [{ id: 'x' }] },
    },
    {
      id: 'cds-fb-3',
      bad: { outcome: 'overridden', overrideReason: {} },
      good: { outcome: 'overridden', overrideReason: { userComment: 'c' } },
    },
  ])('$id', ({ id, bad, good }) => {
    expect(ids(checkFeedbackInvariants(bad))).toContain(id);
    expect(ids(checkFeedbackInvariants(good))).toEqual([]);
  });

  it('ord-1: references are {type}/{id}', () => {
    expect(ids(checkReferenceFormat('MedicationRequest/abc-1', 'selections[0]'))).toEqual([]);
    expect(ids(checkReferenceFormat('abc', 'selections[0]'))).toEqual(['ord-1']);
  });
});
