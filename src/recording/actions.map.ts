import type { CarePlan, FhirResource, Procedure, Reference, ServiceRequest, Task } from 'fhir/r4.js';
import { cc, local, referralCodings, SCT, sct } from './codings.ts';
import type { ActionsSection, Referral } from './form.schema.ts';
import { labelled, type MappingInput } from './resource.build.ts';

/** References that explain why the actions were taken: the disclosure, the risk assessment, a high risk. */
export interface ActionReasons {
  readonly disclosure?: Reference | undefined;
  readonly riskAssessment?: Reference | undefined;
  readonly highRisk?: Reference | undefined;
}

/**
 * One ServiceRequest per referral (NICE QS116 statement 3: record the offer and its outcome). A referral made is
 * `active`; an offer the patient declined is `revoked` with the local category `referral-offer-declined`, so the
 * dataset (which excludes revoked requests) counts only referrals made. A MARAC referral carries its criterion.
 */
function mapReferral(input: MappingInput, referral: Referral, reasons: ActionReasons): ServiceRequest {
  const reasonReference = [reasons.disclosure, reasons.highRisk].filter(
    (r): r is Reference => r !== undefined,
  );
  const request: ServiceRequest = {
    resourceType: 'ServiceRequest',
    id: input.id(`referral-${referral.target}`),
    status: referral.status === 'made' ? 'active' : 'revoked',
    intent: 'order',
    ...(referral.status === 'declined' ? { category: [cc(local('referral-offer-declined'))] } : {}),
    code: cc(...referralCodings(referral.target)),
    subject: input.patient,
    ...(input.encounter ? { encounter: input.encounter } : {}),
    authoredOn: input.now,
    requester: input.author,
    ...(referral.maracCriterion ? { reasonCode: [cc(local(`marac-${referral.maracCriterion}`))] } : {}),
    ...(reasonReference.length > 0 ? { reasonReference } : {}),
    ...(reasons.riskAssessment && referral.target === 'marac'
      ? { supportingInfo: [reasons.riskAssessment] }
      : {}),
  };
  return labelled(request, 'R');
}

function mapSafetyPlan(input: MappingInput, reasons: ActionReasons): CarePlan {
  const plan: CarePlan = {
    resourceType: 'CarePlan',
    id: input.id('safety-plan'),
    status: 'active',
    intent: 'plan',
    category: [cc(local('safety-plan'))],
    subject: input.patient,
    ...(input.encounter ? { encounter: input.encounter } : {}),
    created: input.now,
    author: input.author,
    ...(reasons.disclosure ? { addresses: [reasons.disclosure] } : {}),
  };
  return labelled(plan, 'R');
}

function mapInformationGiven(input: MappingInput): Procedure {
  const procedure: Procedure = {
    resourceType: 'Procedure',
    id: input.id('information-given'),
    status: 'completed',
    code: cc(sct(SCT.adviceGiven)),
    subject: input.patient,
    ...(input.encounter ? { encounter: input.encounter } : {}),
    performedDateTime: input.now,
    recorder: input.author,
    performer: [{ actor: input.author }],
  };
  return labelled(procedure, 'R');
}

function mapFollowUp(input: MappingInput, date: string): Task {
  const task: Task = {
    resourceType: 'Task',
    id: input.id('follow-up'),
    status: 'requested',
    intent: 'plan',
    code: cc(local('dva-follow-up')),
    for: input.patient,
    ...(input.encounter ? { encounter: input.encounter } : {}),
    authoredOn: input.now,
    requester: input.author,
    owner: input.author,
    executionPeriod: { start: date },
  };
  return labelled(task, 'R');
}

/** Referrals, safety plan (CarePlan), information given (Procedure 413457006) and follow-up (Task). */
export function mapActions(
  input: MappingInput,
  actions: ActionsSection,
  reasons: ActionReasons,
): FhirResource[] {
  return [
    ...actions.referrals.map((referral) => mapReferral(input, referral, reasons)),
    ...(actions.safetyPlan ? [mapSafetyPlan(input, reasons)] : []),
    ...(actions.informationGiven ? [mapInformationGiven(input)] : []),
    ...(actions.followUpDate ? [mapFollowUp(input, actions.followUpDate)] : []),
  ];
}
