import type { Filter, TypedValue } from '@medplum/core';
import {
  convertToSearchableDates,
  convertToSearchableNumbers,
  convertToSearchableQuantities,
  convertToSearchableReferences,
  convertToSearchableStrings,
  convertToSearchableTokens,
  Operator,
  splitSearchOnComma,
} from '@medplum/core';

type Bounds = readonly [number, number];

/** The implicit range of a search number: `100` means [99.5, 100.5) (FHIR R4 search §3.1.1.4.2 "number"). */
function precisionRange(text: string): Bounds | undefined {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) return undefined;
  const mantissa = text.toLowerCase().split('e')[0] ?? '';
  const decimals = (mantissa.split('.')[1] ?? '').length;
  const half = 0.5 * 10 ** -decimals;
  return [value - half, value + half];
}

/** Compares a target value (or Range, as [low, high]) with a search number under a prefix. */
function compareBounds(target: Bounds, operator: Filter['operator'], text: string): boolean {
  const range = precisionRange(text);
  if (!range) return false;
  const value = Number(text);
  const [low, high] = target;
  switch (operator) {
    case Operator.EQUALS:
      return low >= range[0] && high < range[1];
    case Operator.NOT_EQUALS:
      return !(low >= range[0] && high < range[1]);
    case Operator.GREATER_THAN:
      return high > value;
    case Operator.LESS_THAN:
      return low < value;
    case Operator.GREATER_THAN_OR_EQUALS:
      return high >= value;
    case Operator.LESS_THAN_OR_EQUALS:
      return low <= value;
    case Operator.STARTS_AFTER:
      return low > value;
    case Operator.ENDS_BEFORE:
      return high < value;
    case Operator.APPROXIMATELY:
      return Math.abs((low + high) / 2 - value) <= Math.abs(value) * 0.1;
    default:
      return false;
  }
}

/** Matches a `number` search parameter; Medplum's in-memory matcher has no number support. */
export function matchesNumberFilter(values: TypedValue[], filter: Filter): boolean {
  const targets = convertToSearchableNumbers(values).map(
    ([low, high]): Bounds => [low ?? Number.NEGATIVE_INFINITY, high ?? Number.POSITIVE_INFINITY],
  );
  return splitSearchOnComma(filter.value).some((text) =>
    targets.some((target) => compareBounds(target, filter.operator, text)),
  );
}

/**
 * Matches a `quantity` search parameter: `[prefix]number|system|code` or `number||unit` (R4 search §3.1.1.4.8).
 * Units are compared literally; there is no UCUM conversion.
 */
export function matchesQuantityFilter(values: TypedValue[], filter: Filter): boolean {
  const quantities = convertToSearchableQuantities(values);
  return splitSearchOnComma(filter.value).some((text) => {
    const [numberText = '', system = '', code = ''] = text.split('|');
    return quantities.some((q) => {
      if (q.value === undefined) return false;
      if (code !== '') {
        const unitMatches =
          system !== '' ? q.system === system && q.code === code : q.code === code || q.unit === code;
        if (!unitMatches) return false;
      }
      return compareBounds([q.value, q.value], filter.operator, numberText);
    });
  });
}

/** A comparable key for `_sort`: numbers compare numerically, everything else as strings; undefined sorts last. */
export type SortKey = string | number | undefined;

export function sortKeyOf(values: TypedValue[], paramType: string | undefined): SortKey {
  switch (paramType) {
    case 'date':
      return convertToSearchableDates(values)[0]?.start;
    case 'number':
      return convertToSearchableNumbers(values)[0]?.[0];
    case 'quantity':
      return convertToSearchableQuantities(values)[0]?.value;
    case 'token':
      return convertToSearchableTokens(values)[0]?.value;
    case 'reference':
      return convertToSearchableReferences(values)[0];
    default:
      return convertToSearchableStrings(values)[0]?.toLowerCase();
  }
}

export function compareSortKeys(a: SortKey, b: SortKey, descending: boolean): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1;
  return descending ? -order : order;
}
