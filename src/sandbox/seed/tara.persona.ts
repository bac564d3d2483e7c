import { INDICATOR, SELF_HARM, text } from './seed.codes.ts';
import { condition, observation, visit } from './seed-spec.dsl.ts';
import type { PatientSpec } from './seed-spec.types.ts';
import { ago } from './seed-time.util.ts';

/** Reasons for the undiagnosed consultations of the last year (text only: none is a verified code). */
const VAGUE_REASONS = [
  'Fatigue',
  'Widespread pain',
  'Headache',
  'Poor sleep',
  'Parental stress',
  'Dizziness',
];
const UNDIAGNOSED_VISIT_DAYS = [350, 330, 300, 280, 255, 230, 205, 180, 150, 120, 95, 70, 40, 15];

function undiagnosedVisits() {
  return UNDIAGNOSED_VISIT_DAYS.map((days, i) =>
    visit('gp', ago(days, i % 2 === 0 ? '09:20' : '15:40'), {
      reasons: [text(VAGUE_REASONS[i % VAGUE_REASONS.length] ?? 'Fatigue')],
    }),
  );
}

/**
 * Tara — Crossing Pathways Key Findings Report (Standing Together against Domestic Abuse, March 2025), Phase Three
 * "Pathway Analysis", persona TARA (between p. 24 and "Summary Themes", p. 33).
 *
 * The report: "A British-South Asian married woman in her early 40s, living with in-laws and three children under 18
 * years old. Health issues: multiple diagnoses, not necessarily resolving issues including chronic pain and fatigue,
 * long COVID, possible fibromyalgia, depression, anxiety, PTSD, ADHD, and suicidal ideation. Socially isolated and
 * describing significant parental stress. Forms of abuse: coercive control and psychological abuse from in-laws.
 * Duration of abuse: childhood and from in-laws for over a decade."
 *
 * In coded FHIR: diagnosis after diagnosis over eight years (depression, anxiety, chronic pain, PTSD from a talking
 * therapies letter, "possible fibromyalgia" as a provisional diagnosis; long COVID, fatigue and ADHD as text, having
 * no verified code) and, in the last year, fourteen consultations for vague symptoms with no clear diagnosis, a pain
 * review and suicidal ideation. Nobody ever asked about home: no enquiry is recorded. This is diagnostic
 * overshadowing — "the failure to see the context because the medical diagnosis overshadows it" (domain.md).
 *
 * At `now` the GP opening her record sees the diagnostic-overshadowing prompt: a mental-health diagnosis with chronic
 * pain and frequent attendance in the last 24 months.
 */
export const TARA: PatientSpec = {
  id: 'persona-tara',
  serial: 102,
  given: ['Tara'],
  family: 'Mehta',
  prefix: 'Mrs',
  gender: 'female',
  age: { years: 42, days: 210 },
  ethnicity: 'H',
  address: { line: '27 Mellstock Road', town: 'Budmouth' },
  history: [
    visit('gp', ago(3000), { reasons: [INDICATOR.depression], records: [condition(INDICATOR.depression)] }),
    visit('gp', ago(2200), {
      reasons: [INDICATOR.anxietyDisorder],
      records: [condition(INDICATOR.anxietyDisorder)],
    }),
    visit('gp', ago(1500), { reasons: [INDICATOR.chronicPain], records: [condition(INDICATOR.chronicPain)] }),
    visit('gp', ago(1100), { reasons: [text('Long COVID')], records: [condition(text('Long COVID'))] }),
    visit('gp', ago(900), { reasons: [INDICATOR.ptsd], records: [condition(INDICATOR.ptsd)] }),
    visit('gp', ago(800), {
      reasons: [text('Assessment letter')],
      records: [condition(text('Attention deficit hyperactivity disorder'))],
    }),
    visit('gp', ago(560), {
      reasons: [INDICATOR.fibromyalgia],
      records: [condition(INDICATOR.fibromyalgia, { verification: 'provisional' })],
    }),
    ...undiagnosedVisits(),
    visit('gp', ago(200), { reasons: [INDICATOR.chronicPain] }),
    visit('gp', ago(160), { reasons: [INDICATOR.depression] }),
    visit('gp', ago(60), {
      reasons: [SELF_HARM.suicidalIdeation],
      records: [observation(SELF_HARM.suicidalIdeation)],
    }),
  ],
  expectedRules: ['diagnostic-overshadowing'],
  nearMissOf: ['repeat-self-harm'],
  note: 'Persona Tara: depression, anxiety and PTSD with chronic pain and 17 consultations in a year, never asked: diagnostic overshadowing.',
};
