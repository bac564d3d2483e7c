import type { Coding, Resource } from 'fhir/r4.js';
import type { SeedRuleId } from '../../../src/sandbox/seed/index.ts';
import { LOCAL_SYSTEM, terminology, VALUE_SET_IDS } from '../../../src/terminology/index.ts';

/**
 * A small, independent reading of the rule semantics documented on `seedExpectations`, to check that the table and
 * the records agree. Thresholds are parameters so that the test can show the answers do not hinge on them.
 */
export interface OracleThresholds {
  readonly minOtherGroups: number;
  readonly injuryMinEpisodes: number;
  readonly frequentMinEncounters: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

interface Fact {
  readonly type: string;
  readonly codings: readonly Coding[];
  readonly qualifiers: readonly Coding[];
  readonly at: number;
  readonly notDone: boolean;
}

interface Visit {
  readonly at: number;
  readonly inProgress: boolean;
  readonly serviceCode: string | undefined;
}

type R = Resource & Record<string, unknown>;

function codings(value: unknown): Coding[] {
  if (typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(codings);
  const coding = (value as { coding?: Coding[] }).coding;
  return Array.isArray(coding) ? coding : [];
}

function dateOf(r: R): number {
  const text = [r.onsetDateTime, r.performedDateTime, r.effectiveDateTime, r.authoredOn, r.recordedDate]
    .concat([(r.period as { start?: string } | undefined)?.start])
    .find((d): d is string => typeof d === 'string');
  return text ? Date.parse(text) : Number.NaN;
}

function dropped(r: R): boolean {
  const verification = codings(r.verificationStatus).map((c) => c.code);
  return (
    verification.includes('entered-in-error') || verification.includes('refuted') || r.status === 'cancelled'
  );
}

function factOf(r: R): Fact | undefined {
  if (
    !['Condition', 'Encounter', 'Procedure', 'Observation', 'Flag'].includes(r.resourceType) ||
    dropped(r)
  ) {
    return undefined;
  }
  const main = r.resourceType === 'Encounter' ? codings(r.reasonCode) : codings(r.code);
  return {
    type: r.resourceType,
    codings: [...main, ...codings(r.valueCodeableConcept)],
    qualifiers: [...codings(r.statusReason), ...codings(r.outcome)],
    at: dateOf(r),
    notDone: r.status === 'not-done',
  };
}

function visitOf(r: R): Visit | undefined {
  if (r.resourceType !== 'Encounter' || r.status === 'cancelled') return undefined;
  return {
    at: dateOf(r),
    inProgress: r.status === 'in-progress',
    serviceCode: codings(r.serviceType)[0]?.code,
  };
}

function episodes(facts: readonly Fact[]): number {
  let count = 0;
  let last = Number.NEGATIVE_INFINITY;
  for (const at of facts.map((f) => f.at).sort((a, b) => a - b)) {
    if (at - last >= 24 * HOUR) {
      count++;
      last = at;
    }
  }
  return count;
}

interface PatientView {
  readonly facts: readonly Fact[];
  readonly visits: readonly Visit[];
  readonly age: number;
  readonly now: number;
}

const within = (view: PatientView, days: number) => (f: Fact) => f.at >= view.now - days * DAY;
const inSet = (vs: string) => (f: Fact) => !f.notDone && terminology.containsAny(vs, f.codings);
const hasLocal = (f: Fact, code: string) =>
  f.qualifiers.some((c) => c.system === LOCAL_SYSTEM && c.code === code);
const enquiries = (view: PatientView) =>
  view.facts.filter((f) => inSet(VALUE_SET_IDS.enquiryAsked)(f) || inSet(VALUE_SET_IDS.enquiryDeclined)(f));

function viewOf(resources: readonly Resource[], now: Date): PatientView {
  const rs = resources as R[];
  const birth = rs.find((r) => r.resourceType === 'Patient')?.birthDate;
  return {
    facts: rs.map(factOf).filter((f): f is Fact => f !== undefined && f.at <= now.getTime()),
    visits: rs.map(visitOf).filter((v): v is Visit => v !== undefined),
    age: (now.getTime() - Date.parse(`${String(birth)}T00:00:00Z`)) / (365.25 * DAY),
    now: now.getTime(),
  };
}

function repeatSelfHarm(view: PatientView): boolean {
  const selfHarm = view.facts.filter(inSet(VALUE_SET_IDS.selfHarm)).filter(within(view, 365));
  return episodes(selfHarm) >= 2 || view.facts.some(inSet(VALUE_SET_IDS.indicatorRepeatedOverdose));
}

function overshadowing(view: PatientView, t: OracleThresholds): boolean {
  const recent = view.facts.filter(within(view, 730));
  const coded = [
    VALUE_SET_IDS.indicatorChronicPain,
    VALUE_SET_IDS.indicatorGiGuGynae,
    VALUE_SET_IDS.indicatorSubstanceMisuse,
    VALUE_SET_IDS.indicatorAdverseReproductive,
  ].filter((vs) => recent.some(inSet(vs))).length;
  const injury = (f: Fact) =>
    inSet(VALUE_SET_IDS.indicatorInjury)(f) || inSet(VALUE_SET_IDS.indicatorAssault)(f);
  const injuries = episodes(recent.filter(injury));
  const attendances = view.visits.filter((v) => v.at >= view.now - 365 * DAY && v.at <= view.now).length;
  const other =
    coded + (injuries >= t.injuryMinEpisodes ? 1 : 0) + (attendances >= t.frequentMinEncounters ? 1 : 0);
  return view.facts.some(inSet(VALUE_SET_IDS.indicatorMentalHealth)) && other >= t.minOtherGroups;
}

function ruleHits(view: PatientView, t: OracleThresholds): SeedRuleId[] {
  const current = view.visits.find((v) => v.inProgress)?.serviceCode ?? '';
  const routine =
    ['710', '711', '712', '713', '715'].includes(current) && !enquiries(view).some(within(view, 365));
  const household = view.facts.filter(inSet(VALUE_SET_IDS.safeguardingHousehold)).some(within(view, 730));
  const hits: SeedRuleId[] = [];
  if (view.age >= 16 && repeatSelfHarm(view)) hits.push('repeat-self-harm');
  if (view.age >= 16 && overshadowing(view, t)) hits.push('diagnostic-overshadowing');
  if (view.age >= 16 && routine) hits.push('routine-enquiry-due');
  if (view.age < 18 && current === '711' && household) hits.push('camhs-whole-family');
  return hits;
}

/** What the CDS should decide for one patient, read from its records at `now`. */
export function expectedDecision(
  resources: readonly Resource[],
  now: Date,
  t: OracleThresholds,
): SeedRuleId[] {
  const view = viewOf(resources, now);
  const hits = ruleHits(view, t);
  if (hits.length === 0) return [];
  const notSafeToday = view.facts.some(
    (f) => f.notDone && hasLocal(f, 'not-asked-not-safe-now') && f.at > view.now - HOUR,
  );
  if (notSafeToday || enquiries(view).some(within(view, 28))) return [];
  const disclosed =
    view.facts.some(inSet(VALUE_SET_IDS.disclosure)) ||
    enquiries(view).some((f) => hasLocal(f, 'enquiry-outcome-disclosed'));
  return disclosed ? ['disclosure-on-record-review'] : hits;
}
