import { SEED_COHORT } from './cohort.seed.ts';
import type { PatientSpec, SeedRuleId, VisitEntry } from './seed-spec.types.ts';
import { isMentalHealthSetting } from './uk-core.codes.ts';

/** What the CDS service should decide for one seeded patient. */
export interface SeedExpectation {
  readonly patientId: string;
  /**
   * Rules whose card should show: `repeat-self-harm`, `diagnostic-overshadowing`, `routine-enquiry-due`,
   * `camhs-whole-family`, or `disclosure-on-record-review` alone when a disclosure on record turns a prompt into
   * a review-the-plan card. Empty: no card.
   */
  readonly expectedRules: readonly SeedRuleId[];
  /** Rules this patient is a designed negative for (a near miss: one ingredient short, out of window, suppressed). */
  readonly nearMissOf: readonly SeedRuleId[];
  /** The case the patient exercises, in words. */
  readonly note: string;
  /** The hook's `context.userId`: the mental-health clinician for patients in clinic in mental health, else the GP. */
  readonly userId: string;
  /** The encounter in progress now (the hook's encounter), when the patient is in clinic. */
  readonly encounterId?: string;
}

/** The visit in progress and its Encounter id (visits are numbered in history order by the history builder). */
function inClinic(spec: PatientSpec): { encounterId: string; visit: VisitEntry } | undefined {
  const visits = spec.history.filter((e): e is VisitEntry => e.kind === 'visit');
  const index = visits.findIndex((v) => v.status === 'in-progress');
  const current = visits[index];
  if (index < 0 || !current) return undefined;
  return { encounterId: `enc-${spec.id}-${String(index + 1).padStart(3, '0')}`, visit: current };
}

function expectationOf(spec: PatientSpec): SeedExpectation {
  const current = inClinic(spec);
  const mentalHealth = current !== undefined && isMentalHealthSetting(current.visit.setting);
  return {
    patientId: spec.id,
    expectedRules: spec.expectedRules,
    nearMissOf: spec.nearMissOf ?? [],
    note: spec.note,
    userId: mentalHealth ? 'Practitioner/sandbox-mh-clinician' : 'Practitioner/sandbox-gp',
    ...(current ? { encounterId: current.encounterId } : {}),
  };
}

/**
 * The expected CDS decision for every seeded patient on a `patient-view` hook evaluated at the seed's `now` (the
 * hook's encounter being the one in progress, if any). The semantics it assumes, matching src/hooks/rules defaults:
 * - indicator prompts (repeat self-harm, diagnostic overshadowing, routine enquiry) are for people aged 16 or over;
 *   routine enquiry and whole family need the hook's encounter to be in a mental-health (CAMHS: 711) setting;
 * - diagnostic overshadowing: a mental-health diagnosis plus ≥ 2 other indicator groups in 24 months; every positive
 *   here has ≥ 2 and every negative 0, so a threshold of 1 gives the same answers;
 * - a prompt is held back when "not asked — not safe now" was recorded today or an enquiry was made (asked or
 *   declined) in the last 28 days; a disclosure on record turns it into `disclosure-on-record-review`; with no rule
 *   firing there is no card, whatever is on record.
 */
export const seedExpectations: readonly SeedExpectation[] = SEED_COHORT.map(expectationOf);
