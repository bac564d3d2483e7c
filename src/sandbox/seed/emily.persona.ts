import { DISCLOSURE, ENQUIRY, HOUSEHOLD, INDICATOR, LOCAL, RESPONSE, SELF_HARM, text } from './seed.codes.ts';
import {
  condition,
  flag,
  inClinicNow,
  missedAppointment,
  observation,
  procedure,
  recorded,
  referral,
  visit,
  visits,
} from './seed-spec.dsl.ts';
import type { PatientSpec } from './seed-spec.types.ts';
import { ago } from './seed-time.util.ts';

/** A contact address only: a refuge's address is never recorded. */
const CONTACT_ADDRESS = { line: '12 Sherton Row', town: 'Sherton Abbas' } as const;

/**
 * Emily — Crossing Pathways Key Findings Report (Standing Together against Domestic Abuse, March 2025), Phase Three
 * "Pathway Analysis", persona EMILY (between p. 24 and "Summary Themes", p. 33).
 *
 * The report: "A White British woman in her early 20s, a care-leaver with a toddler who identifies as lesbian and
 * previously co-habited with a girlfriend. Health issues: depression, anxiety, eating disorder, bipolar disorder,
 * flashbacks and stress-related seizures. History of missed community health care appointments, struggled to
 * regularly take medications. Forms of abuse: abuse from multiple perpetrators; historic incident of rape which
 * resulted in her child and current partner abuse." Her pathway with a mental-health IDVA: visits Safe Haven to report
 * the historic incident; hospital treatment for a drug overdose, walks out; a neighbour calls the police and
 * children's social care is alerted; she later discloses abuse by her current girlfriend; child protection plan and a
 * residential parenting assessment; refuge after an abusive incident by a new partner.
 *
 * In coded FHIR: depression and anxiety since leaving care; eating disorder, bipolar disorder and stress-related
 * seizures as text (no verified code); missed appointments (Appointment `noshow`); a routine enquiry 14 months ago at
 * which she disclosed past abuse (history of domestic abuse) and was referred to the MHIDVA; an overdose from which
 * she left against advice; a disclosure of intimate partner abuse seven months ago; living in refuge. Her toddler
 * (seed-007) carries the police report and the child protection plan.
 *
 * At `now` she is in mental-health clinic: routine enquiry would be due, a disclosure is on record, so review the
 * plan (one overdose in the last year is not repeat self-harm).
 */
export const EMILY: PatientSpec = {
  id: 'persona-emily',
  serial: 104,
  given: ['Emily'],
  family: 'Hartley',
  prefix: 'Miss',
  gender: 'female',
  age: { years: 23, days: 45 },
  ethnicity: 'A',
  address: CONTACT_ADDRESS,
  history: [
    visit('gp', ago(2600), { reasons: [INDICATOR.depression], records: [condition(INDICATOR.depression)] }),
    visit('gp', ago(2400), {
      reasons: [INDICATOR.anxietyDisorder],
      records: [condition(INDICATOR.anxietyDisorder)],
    }),
    visit('adult-mh', ago(1800), {
      reasons: [text('Eating difficulties')],
      records: [condition(text('Eating disorder')), condition(text('Bipolar affective disorder'))],
    }),
    visit('gp', ago(1000), { reasons: [text('Antenatal booking')] }),
    visit('gp', ago(760), { reasons: [text('Postnatal check')] }),
    missedAppointment('gp', ago(600)),
    missedAppointment('adult-mh', ago(520)),
    missedAppointment('adult-mh', ago(460)),
    visit('adult-mh', ago(430), {
      reasons: [text('Flashbacks')],
      records: [
        procedure(ENQUIRY.routine, { outcome: LOCAL.outcomeDisclosed }),
        condition(DISCLOSURE.historyOfDomesticAbuse),
        referral(RESPONSE.idvaReferral, 'completed', 'Mental-health independent domestic violence adviser'),
      ],
    }),
    visit('gp', ago(400), {
      reasons: [text('Seizure-like episodes')],
      records: [condition(text('Stress-related seizures'))],
    }),
    visit('emergency', ago(280, '22:30'), {
      reasons: [SELF_HARM.selfPoisoning],
      records: [condition(SELF_HARM.selfPoisoning, { category: 'encounter-diagnosis' })],
      discharge: 'aadvice',
    }),
    visit('adult-mh', ago(225), {
      records: [
        condition(DISCLOSURE.victimOfIntimatePartnerAbuse),
        condition(DISCLOSURE.victimOfDomesticAbuse),
      ],
    }),
    recorded(flag(DISCLOSURE.victimOfDomesticAbuse, 'safety'), ago(224), 'safeguarding'),
    ...visits('adult-mh', [180, 120], [INDICATOR.depression]),
    recorded(observation(DISCLOSURE.livingInRefuge), ago(75), 'mh'),
    ...visits('adult-mh', [60, 30], [INDICATOR.depression]),
    inClinicNow('adult-mh', { reasons: [INDICATOR.depression] }),
  ],
  expectedRules: ['disclosure-on-record-review'],
  nearMissOf: ['repeat-self-harm'],
  note: 'Persona Emily: routine enquiry due in mental health, disclosures on record (history and current partner): review the plan.',
};

/** Emily's toddler (2): the police report and the child protection plan are on her record. */
const EMILY_DAUGHTER: PatientSpec = {
  id: 'seed-007',
  serial: 7,
  given: ['Poppy'],
  family: 'Hartley',
  gender: 'female',
  age: { years: 2, days: 60 },
  ethnicity: 'A',
  address: CONTACT_ADDRESS,
  parents: [{ patientId: 'persona-emily', relationship: 'MTH' }],
  history: [
    ...visits('gp', [700, 400], [text('Immunisations')]),
    recorded(observation(HOUSEHOLD.policeIncidentReport), ago(229), 'safeguarding'),
    recorded(condition(HOUSEHOLD.childProtectionPlan), ago(200), 'safeguarding'),
  ],
  expectedRules: [],
  nearMissOf: ['camhs-whole-family'],
  note: "Emily's daughter, 2: police report and child protection plan, seen only by the GP: no card.",
};

/** Emily and her daughter. */
export const EMILY_FAMILY: readonly PatientSpec[] = [EMILY, EMILY_DAUGHTER];
