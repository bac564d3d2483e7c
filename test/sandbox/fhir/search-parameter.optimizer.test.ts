import { getSearchParameter } from '@medplum/core';
import { describe, expect, it } from 'vitest';
import { loadFhirDefinitions } from '../../../src/sandbox/fhir/definitions.loader.ts';
import {
  narrowExpression,
  optimizeSearchParameters,
  splitTopLevelUnion,
} from '../../../src/sandbox/fhir/search-parameter.optimizer.ts';

describe('splitTopLevelUnion', () => {
  it.each([
    ['A.b | C.d', ['A.b', 'C.d']],
    [
      '(A.value as Quantity) | (A.value as SampledData)',
      ['(A.value as Quantity)', '(A.value as SampledData)'],
    ],
    ["A.b.where(c = 'x|y') | D.e", ["A.b.where(c = 'x|y')", 'D.e']],
    ['A.b.where((c | d).exists())', ['A.b.where((c | d).exists())']],
    ['A.b', ['A.b']],
  ])('%s', (expression, expected) => {
    expect(splitTopLevelUnion(expression)).toEqual(expected);
  });
});

describe('narrowExpression', () => {
  it('keeps only the branches of the searched type', () => {
    const shared =
      'AllergyIntolerance.patient | CarePlan.subject.where(resolve() is Patient) | Observation.subject';
    expect(narrowExpression(shared, 'CarePlan')).toBe('CarePlan.subject.where(resolve() is Patient)');
    expect(narrowExpression(shared, 'Observation')).toBe('Observation.subject');
  });

  it('leaves single-branch and fully applicable expressions alone', () => {
    expect(narrowExpression('Observation.code', 'Observation')).toBeUndefined();
    expect(
      narrowExpression('(Observation.value as Quantity) | (Observation.value as SampledData)', 'Observation'),
    ).toBeUndefined();
  });

  it('never narrows to nothing', () => {
    expect(narrowExpression('A.b | C.d', 'Observation')).toBeUndefined();
  });
});

describe('optimizeSearchParameters on the R4 definitions', () => {
  it('narrows the shared clinical parameters per type and is idempotent', () => {
    loadFhirDefinitions();
    expect(getSearchParameter('Observation', 'patient')?.expression).toBe(
      'Observation.subject.where(resolve() is Patient)',
    );
    expect(getSearchParameter('Observation', 'date')?.expression).toBe('Observation.effective');
    expect(getSearchParameter('Condition', 'patient')?.expression).toBe(
      'Condition.subject.where(resolve() is Patient)',
    );
    expect(optimizeSearchParameters()).toBe(0);
  });
});
