import type { Bundle, FhirResource, Flag } from 'fhir/r4.js';
import { type ActionReasons, mapActions } from './actions.map.ts';
import { SCT, sct } from './codings.ts';
import { mapConsent } from './consent.map.ts';
import { mapDisclosureCondition, mapDisclosureDetails } from './disclosure.map.ts';
import { mapEnquiryConditions, mapEnquiryProcedure } from './enquiry.map.ts';
import { mapSafeguardingFlag } from './flag.map.ts';
import { parseDvaForm } from './form.parse.ts';
import type { DisclosureSection, DvaForm } from './form.schema.ts';
import { mapChildRecord } from './household.map.ts';
import { mapPerpetratorRecord } from './perpetration.map.ts';
import { mapProvenance } from './provenance.map.ts';
import { mapRecordAccess } from './record-access.map.ts';
import { parseRecordingContext, type RecordingContext } from './recording-context.ts';
import { buildMappingInput, type MappingInput, putEntry, ref } from './resource.build.ts';
import { mapRisk } from './risk.map.ts';

function mapPatientFlag(input: MappingInput, disclosure: DisclosureSection, highRisk: boolean): Flag {
  const code = highRisk ? SCT.highRisk : disclosure.timing === 'current' ? SCT.victim : SCT.historyOfAbuse;
  return mapSafeguardingFlag({
    id: input.id('flag'),
    subject: input.patient,
    code: sct(code),
    category: 'safety',
    author: input.author,
    now: input.now,
    encounter: input.encounter,
    level: 'R',
  });
}

function mapDisclosureAndRisk(input: MappingInput): { resources: FhirResource[]; reasons: ActionReasons } {
  const { disclosure, risk } = input.form;
  if (!disclosure) return { resources: [], reasons: {} };
  const details = mapDisclosureDetails(input, disclosure);
  const condition = mapDisclosureCondition(input, disclosure, details);
  const riskResources = risk ? mapRisk(input, risk) : undefined;
  const flag = mapPatientFlag(input, disclosure, riskResources?.highRisk !== undefined);
  return {
    resources: [condition, details, ...(riskResources?.all ?? []), flag],
    reasons: {
      disclosure: ref(condition),
      riskAssessment: riskResources ? ref(riskResources.assessment) : undefined,
      highRisk: riskResources?.highRisk ? ref(riskResources.highRisk) : undefined,
    },
  };
}

/** Everything written to the record of the patient who was asked, with its Provenance. */
function mapPatientRecord(input: MappingInput): FhirResource[] {
  const { enquiry, actions, consent, recordAccess } = input.form;
  const procedure = enquiry ? mapEnquiryProcedure(input, enquiry) : undefined;
  const conditions = enquiry && procedure ? mapEnquiryConditions(input, enquiry, procedure) : undefined;
  const enquiryResources = [...(procedure ? [procedure] : []), ...(conditions ? [conditions] : [])];
  const { resources, reasons } = mapDisclosureAndRisk(input);
  const targets = [
    ...enquiryResources,
    ...resources,
    ...(actions ? mapActions(input, actions, reasons) : []),
    ...(consent ? [mapConsent(input, consent)] : []),
    ...(recordAccess ? mapRecordAccess(input, recordAccess) : []),
  ];
  if (targets.length === 0) return [];
  const provenance = mapProvenance({
    id: input.id('provenance'),
    targets,
    author: input.author,
    appDevice: input.context.appDevice,
    now: input.now,
    level: 'R',
  });
  return [...targets, provenance];
}

/**
 * Maps a DVA recording form to one FHIR R4 transaction Bundle (issue 3 §3). Pure: no I/O, clock or randomness.
 *
 * - Every resource, Provenance included, carries v3-Confidentiality R (V for third-party or perpetrator-identifying
 *   entries), ActCode SDV and NOPAT (terminology.md §3b) and, where one exists, its UK Core profile.
 * - Idempotent: every entry is a PUT to an id derived from `context.submissionId` (see `recordId`), so submitting the
 *   same Bundle again creates nothing twice, and no conditional entries are needed.
 * - DVA in the household goes on each linked child's own record; suspected perpetration goes on the suspected
 *   perpetrator's record only, with nothing that identifies the victim.
 *
 * The form is (re-)validated first; invalid input throws an OperationOutcomeError listing every problem.
 */
export function mapFormToBundle(form: DvaForm, context: RecordingContext): Bundle<FhirResource> {
  const checkedContext = parseRecordingContext(context);
  const checkedForm = parseDvaForm(form, checkedContext);
  const input = buildMappingInput(checkedForm, checkedContext);
  const children = (checkedForm.disclosure?.children?.linkedPatientIds ?? []).flatMap((id) =>
    mapChildRecord(input, id),
  );
  const perpetration = checkedForm.suspectedPerpetration
    ? mapPerpetratorRecord(input, checkedForm.suspectedPerpetration)
    : [];
  const resources = [...mapPatientRecord(input), ...children, ...perpetration];
  return { resourceType: 'Bundle', type: 'transaction', entry: resources.map(putEntry) };
}
