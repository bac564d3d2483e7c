import { BACKGROUND_CASES } from './background.cases.ts';
import { CAMHS_CASES } from './camhs.cases.ts';
import { EMILY_FAMILY } from './emily.persona.ts';
import { KATE_FAMILY } from './kate.persona.ts';
import { MARY } from './mary.persona.ts';
import { OVERSHADOWING_CASES } from './overshadowing.cases.ts';
import { ROUTINE_ENQUIRY_CASES } from './routine-enquiry.cases.ts';
import { SAMIRA_FAMILY } from './samira.persona.ts';
import type { PatientSpec } from './seed-spec.types.ts';
import { SELF_HARM_CASES } from './self-harm.cases.ts';
import { SUPPRESSION_CASES } from './suppression.cases.ts';
import { TARA } from './tara.persona.ts';

/**
 * The whole synthetic cohort: the five Crossing Pathways personas with their families, the rule cases and their near
 * misses, and ordinary patients. Parents come before their children (a RelatedPerson names a registered parent).
 */
export const SEED_COHORT: readonly PatientSpec[] = [
  ...SAMIRA_FAMILY,
  TARA,
  ...KATE_FAMILY,
  ...EMILY_FAMILY,
  MARY,
  ...SELF_HARM_CASES,
  ...OVERSHADOWING_CASES,
  ...ROUTINE_ENQUIRY_CASES,
  ...SUPPRESSION_CASES,
  ...CAMHS_CASES,
  ...BACKGROUND_CASES,
];
