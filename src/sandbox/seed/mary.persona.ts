import { DISCLOSURE, ENQUIRY, INDICATOR, LOCAL, RESPONSE, SELF_HARM, text } from './seed.codes.ts';
import {
  condition,
  flag,
  inClinicNow,
  observation,
  procedure,
  recorded,
  referral,
  visit,
  visits,
} from './seed-spec.dsl.ts';
import type { PatientSpec } from './seed-spec.types.ts';
import { ago } from './seed-time.util.ts';

/**
 * Mary — Crossing Pathways Key Findings Report (Standing Together against Domestic Abuse, March 2025), Phase Three
 * "Pathway Analysis", persona MARY (between p. 24 and "Summary Themes", p. 33).
 *
 * The report: "A White British married woman in her early 70s, with two adult children who live far away. She lives
 * in a rural area. Health issues: depression, anxiety, PTSD, frequent suicidal ideation, high blood pressure, social
 * isolation. Forms of abuse: physical, emotional, psychological, financial abuse, sexual assault, and coercive
 * control. Duration: 50+ years perpetrated by husband - a wealthy and respected member of their close-knit rural
 * community." Without intervention: "Police call out & visits to GP x 4" … domestic homicide. With an ISDVA: a friend
 * arranges a meeting where abuse is disclosed; the GP builds trust; hospital treatment for a drug overdose, then an
 * admission after a drug overdose; her husband dies of a terminal illness shortly after; "MARAC meeting x 2 — high
 * risk case, concerns for life".
 *
 * In coded FHIR: hypertension (text: no verified code), depression and anxiety for years; four GP visits after a
 * police call-out, two of them for bruising explained as falls (the missed opportunity); suicidal ideation; the
 * disclosure ten months ago, coded with the types of abuse (coercive control is a local code: no SNOMED concept,
 * terminology.md §1c), DASH high risk and a MARAC referral; two overdoses (an attendance and an admission); subject
 * of MARAC twice; bereavement; PTSD in old-age psychiatry. Her late husband is not a registered patient.
 *
 * At `now` she is in old-age psychiatry clinic: repeat self-harm (and the diagnostic-overshadowing cluster) would
 * prompt, but the disclosure is on record, so the card asks to review her safety plan instead.
 */
export const MARY: PatientSpec = {
  id: 'persona-mary',
  serial: 105,
  given: ['Mary'],
  family: 'Oakley',
  prefix: 'Mrs',
  gender: 'female',
  age: { years: 72, days: 300 },
  ethnicity: 'A',
  address: { line: 'Yalbury Farm', town: 'Weatherbury' },
  history: [
    visit('gp', ago(5400), {
      reasons: [text('Raised blood pressure')],
      records: [condition(text('Hypertension'))],
    }),
    visit('gp', ago(3600), { reasons: [INDICATOR.depression], records: [condition(INDICATOR.depression)] }),
    visit('gp', ago(2900), {
      reasons: [INDICATOR.anxietyDisorder],
      records: [condition(INDICATOR.anxietyDisorder)],
    }),
    visit('gp', ago(560), {
      reasons: [INDICATOR.injury],
      records: [condition(INDICATOR.injury, { category: 'encounter-diagnosis' })],
    }),
    visit('gp', ago(530), { reasons: [text('Low mood')] }),
    visit('gp', ago(505), { reasons: [text('Poor sleep')] }),
    visit('gp', ago(480), {
      reasons: [INDICATOR.injury],
      records: [condition(INDICATOR.injury, { category: 'encounter-diagnosis' })],
    }),
    visit('gp', ago(330), {
      reasons: [SELF_HARM.suicidalIdeation],
      records: [observation(SELF_HARM.suicidalIdeation)],
    }),
    visit('gp', ago(300), {
      records: [
        procedure(ENQUIRY.routine, { outcome: LOCAL.outcomeDisclosed }),
        condition(DISCLOSURE.victimOfDomesticAbuse),
        condition(DISCLOSURE.historyPhysical),
        condition(DISCLOSURE.historySexual),
        condition(DISCLOSURE.emotional),
        condition(DISCLOSURE.financial),
        observation(LOCAL.abuseType, LOCAL.coerciveControl),
        procedure(RESPONSE.dashAssessment),
        observation(RESPONSE.dashClassification, LOCAL.dashHigh),
        condition(RESPONSE.highRisk),
        referral(RESPONSE.maracReferral, 'completed'),
      ],
    }),
    recorded(flag(RESPONSE.highRisk, 'safety'), ago(299), 'safeguarding'),
    visit('gp', ago(270), { reasons: [text('Follow-up')] }),
    visit('emergency', ago(240, '20:15'), {
      reasons: [SELF_HARM.selfPoisoning],
      records: [condition(SELF_HARM.selfPoisoning, { category: 'encounter-diagnosis' })],
    }),
    recorded(observation(RESPONSE.subjectOfMarac), ago(215), 'safeguarding'),
    visit('inpatient', ago(205, '01:30'), {
      reasons: [SELF_HARM.selfPoisoning],
      records: [condition(SELF_HARM.selfPoisoning, { category: 'encounter-diagnosis' })],
      lengthDays: 6,
      discharge: 'home',
    }),
    recorded(observation(RESPONSE.subjectOfMarac), ago(185), 'safeguarding'),
    visit('gp', ago(180), { reasons: [text('Bereavement')] }),
    visit('old-age', ago(170), { reasons: [INDICATOR.depression] }),
    visit('old-age', ago(130), { reasons: [INDICATOR.ptsd], records: [condition(INDICATOR.ptsd)] }),
    visit('old-age', ago(90), {
      reasons: [INDICATOR.depression],
      records: [observation(SELF_HARM.suicidalIdeation)],
    }),
    ...visits('old-age', [45, 14], [INDICATOR.depression]),
    inClinicNow('old-age', { reasons: [INDICATOR.depression] }),
  ],
  expectedRules: ['disclosure-on-record-review'],
  nearMissOf: ['repeat-self-harm', 'diagnostic-overshadowing'],
  note: 'Persona Mary: two overdoses this year would prompt, but her disclosure (high risk, MARAC) is on record: review the plan.',
};
