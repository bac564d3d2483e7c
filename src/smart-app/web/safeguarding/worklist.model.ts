import type { FhirResource, Flag, Patient } from 'fhir/r4.js';
import { SNOMED } from '../../../shared/index.ts';
import { lastReviewByFlag } from './review-history.model.ts';

/** The kinds of restricted Flag the safeguarding team reviews (domain.md "Who uses the product", 2). */
export const CASE_CATEGORIES = [
  'new-disclosure',
  'high-risk',
  'marac',
  'perpetrator',
  'child-household',
] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

export const CATEGORY_LABELS: Readonly<Record<CaseCategory, string>> = {
  'new-disclosure': 'Disclosure',
  'high-risk': 'High risk',
  marac: 'MARAC referred',
  perpetrator: 'Suspected perpetrator',
  'child-household': 'Child in affected household',
};

/**
 * Flag.code (ValueSet `dva-flag`, the codes `mapSafeguardingFlag` and the seed write) → review category. Victim
 * and history-of-abuse flags are disclosures; risk-to-others/children (local) go with suspected perpetrators.
 */
const CATEGORY_BY_CODE: Readonly<Record<string, CaseCategory>> = {
  '879911000000102': 'new-disclosure',
  '429746005': 'new-disclosure',
  '759481000000100': 'high-risk',
  '978091000000105': 'marac',
  '206411000000103': 'perpetrator',
  '881081000000100': 'child-household',
  'risk-to-others': 'perpetrator',
  'risk-to-children': 'perpetrator',
};

/** Higher first when sorting by risk: high risk and MARAC, then harm to others and children, then disclosures. */
const RISK_RANK: Readonly<Record<CaseCategory, number>> = {
  'high-risk': 3,
  marac: 3,
  perpetrator: 2,
  'child-household': 2,
  'new-disclosure': 1,
};

/** One row of the worklist: an active restricted Flag and whose it is. */
export interface WorklistRow {
  readonly flag: Flag;
  readonly flagId: string;
  readonly patientId: string;
  readonly patientName: string;
  readonly category: CaseCategory;
  readonly riskRank: number;
  readonly started?: string;
  /** Whole days since the flag was raised; undefined when it has no start date. */
  readonly ageDays?: number;
  /** When the flag was last reviewed by safeguarding, if ever. */
  readonly lastReviewed?: string;
}

export type SortKey = 'risk' | 'age';

/** The category of a Flag from its code, or undefined when it is not a DVA flag. */
export function categoryOf(flag: Flag): CaseCategory | undefined {
  for (const coding of flag.code.coding ?? []) {
    const category = CATEGORY_BY_CODE[coding.code ?? ''];
    if (category && (coding.system === SNOMED || !/^\d+$/.test(coding.code ?? ''))) return category;
  }
  return undefined;
}

function nameOf(patient: Patient | undefined): string {
  const name = patient?.name?.find((n) => n.use === 'official') ?? patient?.name?.[0];
  const text = name?.text ?? [...(name?.given ?? []), name?.family ?? ''].join(' ').trim();
  return text || 'Name not recorded';
}

function daysSince(start: string | undefined, now: Date): number | undefined {
  const time = start ? Date.parse(start) : Number.NaN;
  return Number.isNaN(time) ? undefined : Math.max(0, Math.floor((now.getTime() - time) / 86_400_000));
}

interface RowSources {
  readonly patients: ReadonlyMap<string, Patient>;
  readonly reviews: ReadonlyMap<string, string>;
}

function rowOf(flag: Flag, sources: RowSources, now: Date): WorklistRow | undefined {
  const category = categoryOf(flag);
  const patientId = /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(flag.subject.reference ?? '')?.[1];
  if (!category || !patientId || flag.status !== 'active' || !flag.id) return undefined;
  const ageDays = daysSince(flag.period?.start, now);
  const lastReviewed = sources.reviews.get(`Flag/${flag.id}`);
  return {
    flag,
    flagId: flag.id,
    patientId,
    patientName: nameOf(sources.patients.get(patientId)),
    category,
    riskRank: RISK_RANK[category],
    ...(flag.period?.start ? { started: flag.period.start } : {}),
    ...(ageDays === undefined ? {} : { ageDays }),
    ...(lastReviewed ? { lastReviewed } : {}),
  };
}

/**
 * Worklist rows from a `Flag?_security=…|SDV&_include=Flag:subject` search (plus the review Tasks, when given):
 * active DVA flags only (re-checked here, whatever the server filtered), each with its patient's name and last review.
 */
export function buildWorklist(resources: readonly FhirResource[], now: Date): WorklistRow[] {
  const patients = new Map<string, Patient>();
  for (const r of resources) if (r.resourceType === 'Patient' && r.id) patients.set(r.id, r);
  return resources
    .filter((r): r is Flag => r.resourceType === 'Flag')
    .map((flag) => rowOf(flag, { patients, reviews: lastReviewByFlag(resources) }, now))
    .filter((row): row is WorklistRow => row !== undefined);
}

/** Rows of the chosen categories, highest risk (then oldest) first, or oldest first. */
export function arrangeRows(
  rows: readonly WorklistRow[],
  categories: ReadonlySet<CaseCategory>,
  sort: SortKey,
): WorklistRow[] {
  const age = (row: WorklistRow) => row.ageDays ?? -1;
  const byAge = (a: WorklistRow, b: WorklistRow) => age(b) - age(a);
  const compare =
    sort === 'risk' ? (a: WorklistRow, b: WorklistRow) => b.riskRank - a.riskRank || byAge(a, b) : byAge;
  return rows.filter((row) => categories.has(row.category)).sort(compare);
}
