import type { Condition, FhirResource, Observation, QuestionnaireResponse, RiskAssessment } from 'fhir/r4.js';
import { cc, concept, DASH_QUESTIONNAIRE, HL7, hl7, local, SCT, sct } from './codings.ts';
import { dashScore } from './form.rules.ts';
import type { RiskLevel, RiskSection } from './form.schema.ts';
import { labelled, type MappingInput, ref } from './resource.build.ts';

const LEVEL_CODE = {
  standard: 'dash-level-standard',
  medium: 'dash-level-medium',
  high: 'dash-level-high',
} as const;
/** RiskAssessment.prediction.qualitativeRisk (HL7 risk-probability) for each DASH level. */
const LEVEL_PROBABILITY = { standard: 'low', medium: 'moderate', high: 'high' } as const;

const ANSWER = {
  yes: concept(`${HL7}/v2-0136`, 'Y'),
  no: concept(`${HL7}/v2-0136`, 'N'),
  'dont-know': concept(`${HL7}/data-absent-reason`, 'asked-unknown'),
} as const;

/** The local code of a DASH level. */
export const riskLevelCode = (level: RiskLevel): string => LEVEL_CODE[level];

function mapAnswers(
  input: MappingInput,
  answers: RiskSection['dashAnswers'],
): QuestionnaireResponse | undefined {
  if (!answers) return undefined;
  const response: QuestionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    id: input.id('dash-answers'),
    questionnaire: DASH_QUESTIONNAIRE,
    status: 'completed',
    subject: input.patient,
    ...(input.encounter ? { encounter: input.encounter } : {}),
    authored: input.now,
    author: input.author,
    item: answers.map((answer, i) => ({
      linkId: `dash-${i + 1}`,
      answer: [{ valueCoding: { ...ANSWER[answer] } }],
    })),
  };
  return labelled(response, 'R');
}

function mapClassification(
  input: MappingInput,
  risk: RiskSection,
  answers?: QuestionnaireResponse,
): Observation {
  const score = dashScore(risk);
  const observation: Observation = {
    resourceType: 'Observation',
    id: input.id('dash-classification'),
    status: 'final',
    category: [cc(hl7('observation-category', 'survey'))],
    code: cc(sct(SCT.dashClassification)),
    subject: input.patient,
    ...(input.encounter ? { encounter: input.encounter } : {}),
    effectiveDateTime: input.now,
    performer: [input.author],
    valueCodeableConcept: cc(local(LEVEL_CODE[risk.level])),
    ...(answers ? { derivedFrom: [ref(answers)] } : {}),
    component: [
      ...(score === undefined ? [] : [{ code: cc(sct(SCT.dashChecklist)), valueInteger: score }]),
      { code: cc(local('dash-professional-judgement')), valueBoolean: risk.professionalJudgement },
    ],
  };
  return labelled(observation, 'R');
}

function mapHighRisk(input: MappingInput, classification: Observation): Condition {
  const condition: Condition = {
    resourceType: 'Condition',
    id: input.id('high-risk'),
    clinicalStatus: cc(hl7('condition-clinical', 'active')),
    verificationStatus: cc(hl7('condition-ver-status', 'confirmed')),
    category: [cc(hl7('condition-category', 'problem-list-item'))],
    code: cc(sct(SCT.highRisk)),
    subject: input.patient,
    ...(input.encounter ? { encounter: input.encounter } : {}),
    recordedDate: input.now,
    recorder: input.author,
    evidence: [{ detail: [ref(classification)] }],
  };
  return labelled(condition, 'R');
}

/** The resources of a DASH RIC risk assessment, and the RiskAssessment itself (for referrals to point at). */
export interface RiskResources {
  readonly assessment: RiskAssessment;
  readonly highRisk?: Condition | undefined;
  readonly all: readonly FhirResource[];
}

/**
 * DASH RIC (terminology.md §1f, §5e): the 24 answers as a QuestionnaireResponse, the score and level as an
 * Observation coded 886231000000102 (counted by the `risk-assessment` measure), a RiskAssessment coded
 * 886201000000108, and for a high level a Condition 759481000000100 (the `risk-high` measure).
 */
export function mapRisk(input: MappingInput, risk: RiskSection): RiskResources {
  const answers = mapAnswers(input, risk.dashAnswers);
  const classification = mapClassification(input, risk, answers);
  const assessment: RiskAssessment = labelled(
    {
      resourceType: 'RiskAssessment',
      id: input.id('dash-assessment'),
      status: 'final',
      code: cc(sct(SCT.dashAssessment)),
      subject: input.patient,
      ...(input.encounter ? { encounter: input.encounter } : {}),
      occurrenceDateTime: input.now,
      performer: input.author,
      basis: [ref(classification), ...(answers ? [ref(answers)] : [])],
      prediction: [{ qualitativeRisk: cc(hl7('risk-probability', LEVEL_PROBABILITY[risk.level])) }],
    },
    'R',
  );
  const highRisk = risk.level === 'high' ? mapHighRisk(input, classification) : undefined;
  const all = [...(answers ? [answers] : []), classification, assessment, ...(highRisk ? [highRisk] : [])];
  return { assessment, highRisk, all };
}
