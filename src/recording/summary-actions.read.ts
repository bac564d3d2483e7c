import type { Coding, FhirResource } from 'fhir/r4.js';
import { SNOMED } from '../shared/canonical.ts';
import type { Terminology } from '../shared/terminology.ts';
import { LOCAL_SYSTEM } from '../terminology/index.ts';
import { referralTargetOf, SCT } from './codings.ts';
import type { RiskLevel } from './form.schema.ts';
import type {
  ConsentSummary,
  FlagSummary,
  MaracSummary,
  ReferralSummary,
  RiskSummary,
} from './summary.types.ts';
import { hasCoding, latest, type Recorded } from './summary-fields.read.ts';

const LEVEL_BY_LOCAL: Readonly<Record<string, RiskLevel>> = {
  'dash-level-standard': 'standard',
  'dash-level-medium': 'medium',
  'dash-level-high': 'high',
};
const LEVEL_BY_PROBABILITY: Readonly<Record<string, RiskLevel>> = {
  low: 'standard',
  moderate: 'medium',
  high: 'high',
};
const OPEN_REFERRAL = new Set(['active', 'on-hold']);
const OPEN_TASK = new Set(['requested', 'received', 'accepted', 'ready', 'in-progress', 'on-hold']);
const CONSENT_DECISION: Readonly<Record<string, ConsentSummary['decision']>> = {
  active: 'given',
  rejected: 'refused',
  proposed: 'not-sought',
};

const localCodeOf = (codings: readonly Coding[] | undefined): string | undefined =>
  codings?.find((c) => c.system === LOCAL_SYSTEM)?.code;
const withDate = (record: Recorded) => (record.date ? { date: record.date } : {});

interface RiskCandidate extends RiskSummary {
  readonly time: number;
  readonly rank: number;
}

function riskCandidate(record: Recorded, terminology: Terminology): RiskCandidate | undefined {
  const { resource, time } = record;
  if (resource.resourceType === 'Observation' && hasCoding(record.codings, SNOMED, SCT.dashClassification)) {
    const level = LEVEL_BY_LOCAL[localCodeOf(resource.valueCodeableConcept?.coding) ?? ''];
    if (!level) return undefined;
    const components = resource.component ?? [];
    const score = components.find((c) => hasCoding(c.code.coding, SNOMED, SCT.dashChecklist))?.valueInteger;
    const judgement = components.find((c) => localCodeOf(c.code.coding) === 'dash-professional-judgement');
    return {
      level,
      ...(score === undefined ? {} : { score }),
      ...(judgement?.valueBoolean === undefined ? {} : { professionalJudgement: judgement.valueBoolean }),
      ...withDate(record),
      time,
      rank: 2,
    };
  }
  if (
    resource.resourceType === 'RiskAssessment' &&
    terminology.containsAny('risk-assessment', record.codings)
  ) {
    const probability = resource.prediction?.[0]?.qualitativeRisk?.coding?.[0]?.code ?? '';
    const level = LEVEL_BY_PROBABILITY[probability];
    return level ? { level, ...withDate(record), time, rank: 1 } : undefined;
  }
  return terminology.containsAny('risk-high', record.codings)
    ? { level: 'high', ...withDate(record), time, rank: 0 }
    : undefined;
}

/** The latest DASH level: a classification Observation, else a RiskAssessment, else a "high risk" code. */
export function readRisk(records: readonly Recorded[], terminology: Terminology): RiskSummary | undefined {
  const candidates = records.flatMap((r) => riskCandidate(r, terminology) ?? []);
  const best = candidates.reduce<RiskCandidate | undefined>(
    (acc, c) => (!acc || c.time > acc.time || (c.time === acc.time && c.rank > acc.rank) ? c : acc),
    undefined,
  );
  if (!best) return undefined;
  const { time: _time, rank: _rank, ...summary } = best;
  return summary;
}

function readReferral(record: Recorded, resource: FhirResource): ReferralSummary {
  const criterion =
    resource.resourceType === 'ServiceRequest'
      ? localCodeOf(resource.reasonCode?.flatMap((c) => c.coding ?? []))
      : undefined;
  const target = referralTargetOf(record.codings);
  return {
    id: resource.id ?? '',
    ...(target ? { target } : {}),
    code: record.codings.find((c) => c.system === SNOMED) ?? record.codings[0] ?? {},
    ...(criterion?.startsWith('marac-') ? { maracCriterion: criterion.slice('marac-'.length) } : {}),
    ...withDate(record),
  };
}

export function readActions(
  records: readonly Recorded[],
  terminology: Terminology,
): {
  openReferrals: ReferralSummary[];
  activeFlags: FlagSummary[];
  safetyPlan: boolean;
  followUps: string[];
} {
  const openReferrals: ReferralSummary[] = [];
  const activeFlags: FlagSummary[] = [];
  const followUps: string[] = [];
  let safetyPlan = false;
  for (const record of records) {
    const r = record.resource;
    if (r.resourceType === 'ServiceRequest' && OPEN_REFERRAL.has(r.status)) {
      if (terminology.containsAny('referral-target', record.codings))
        openReferrals.push(readReferral(record, r));
    } else if (r.resourceType === 'Flag' && r.status === 'active') {
      const review = (r.category ?? []).some((c) => localCodeOf(c.coding) === 'safeguarding-review');
      const code = record.codings[0];
      if (code && (review || terminology.containsAny('dva-flag', record.codings))) {
        activeFlags.push({ id: r.id ?? '', code, ...withDate(record) });
      }
    } else if (r.resourceType === 'CarePlan' && r.status === 'active') {
      safetyPlan ||= (r.category ?? []).some((c) => localCodeOf(c.coding) === 'safety-plan');
    } else if (
      r.resourceType === 'Task' &&
      OPEN_TASK.has(r.status) &&
      localCodeOf(record.codings) === 'dva-follow-up'
    ) {
      const start = r.executionPeriod?.start;
      if (start) followUps.push(start);
    }
  }
  return { openReferrals, activeFlags, safetyPlan, followUps: followUps.sort() };
}

const MARAC_STATUS: ReadonlyArray<readonly [string, MaracSummary['status']]> = [
  ['1078361000000107', 'closed'],
  ['758941000000108', 'subject'],
  [SCT.maracReferral, 'referred'],
];

/** MARAC status from the latest MARAC record: referral made, subject of MARAC, or case closed. */
export function readMarac(records: readonly Recorded[], terminology: Terminology): MaracSummary {
  const marac = records.filter((r) => {
    if (!terminology.containsAny('marac-status', r.codings)) return false;
    return r.resource.resourceType !== 'ServiceRequest' || r.resource.status !== 'revoked';
  });
  const last = latest(marac);
  const status = MARAC_STATUS.find(([code]) => last && hasCoding(last.codings, SNOMED, code))?.[1];
  return last && status ? { status, ...withDate(last) } : { status: 'none' };
}

/** The latest decision on sharing DVA information, and its lawful basis. */
export function readConsent(records: readonly Recorded[]): ConsentSummary | undefined {
  const consents = records.filter(
    (r) =>
      r.resource.resourceType === 'Consent' &&
      (r.resource.category ?? []).some((c) => localCodeOf(c.coding) === 'dva-information-sharing'),
  );
  const last = latest(consents)?.resource;
  if (last?.resourceType !== 'Consent') return undefined;
  const decision = CONSENT_DECISION[last.status];
  if (!decision) return undefined;
  const basis = localCodeOf(last.policyRule?.coding);
  return {
    decision,
    ...(basis?.startsWith('lawful-basis-') ? { lawfulBasis: basis.slice('lawful-basis-'.length) } : {}),
    ...(last.dateTime ? { date: last.dateTime } : {}),
  };
}
