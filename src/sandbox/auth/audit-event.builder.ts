import type { AuditEvent, AuditEventAgent, CodeableConcept, Coding, Resource } from 'fhir/r4.js';
import { LABEL_RESTRICTED } from '../../shared/index.ts';
import type { AccessAction, AccessPrincipal } from '../fhir/access.ts';
import { patientReferencesOf } from './patient-compartment.ts';

/** http://terminology.hl7.org/CodeSystem/audit-event-type — `rest`: a RESTful operation. */
const AUDIT_EVENT_TYPE: Coding = {
  system: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
  code: 'rest',
  display: 'RESTful Operation',
};
const RESTFUL_INTERACTION = 'http://hl7.org/fhir/restful-interaction';
const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';

const SUBTYPE: Readonly<Record<AccessAction, string>> = {
  read: 'read',
  vread: 'vread',
  search: 'search-type',
  history: 'history-instance',
  create: 'create',
  update: 'update',
  patch: 'patch',
  delete: 'delete',
};

const ACTION: Readonly<Record<AccessAction, AuditEvent['action']>> = {
  read: 'R',
  vread: 'R',
  search: 'R',
  history: 'R',
  create: 'C',
  update: 'U',
  patch: 'U',
  delete: 'D',
};

export interface DisclosureAuditInput {
  readonly principal: AccessPrincipal;
  readonly action: AccessAction;
  readonly resources: readonly Resource[];
  readonly recorded: Date;
  /** Who observed the access: the FHIR server. */
  readonly observer: string;
}

function purposeOfUse(principal: AccessPrincipal): CodeableConcept[] {
  const breakGlass = (principal.breakGlassReason ?? '').trim().length > 0;
  return [
    {
      coding: [{ system: ACT_REASON, code: breakGlass ? 'ETREAT' : 'TREAT' }],
      ...(breakGlass ? { text: principal.breakGlassReason } : {}),
    },
  ];
}

function agentOf(principal: AccessPrincipal): AuditEventAgent {
  return {
    who: principal.fhirUser
      ? { reference: principal.fhirUser }
      : { identifier: { value: principal.clientId }, display: principal.clientId },
    altId: principal.clientId,
    requestor: true,
    role: [{ text: principal.role }],
    purposeOfUse: purposeOfUse(principal),
  };
}

function groupByPatient(resources: readonly Resource[]): Map<string | undefined, Resource[]> {
  const groups = new Map<string | undefined, Resource[]>();
  for (const resource of resources) {
    const patient = patientReferencesOf(resource)[0];
    groups.set(patient, [...(groups.get(patient) ?? []), resource]);
  }
  return groups;
}

function referenceOf(resource: Resource): string {
  return `${resource.resourceType}/${resource.id ?? ''}`;
}

/**
 * One AuditEvent per patient whose restricted records were disclosed (FHIR R4 AuditEvent, "rest" type with a
 * restful-interaction subtype). Each carries `meta.security` R: it reveals that a restricted record exists.
 * Pure: the clock value comes in as `recorded`.
 */
export function buildDisclosureAuditEvents(input: DisclosureAuditInput): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (const [patient, resources] of groupByPatient(input.resources)) {
    events.push({
      resourceType: 'AuditEvent',
      meta: { security: [{ ...LABEL_RESTRICTED }] },
      type: { ...AUDIT_EVENT_TYPE },
      subtype: [{ system: RESTFUL_INTERACTION, code: SUBTYPE[input.action] }],
      action: ACTION[input.action],
      recorded: input.recorded.toISOString(),
      outcome: '0',
      purposeOfEvent: purposeOfUse(input.principal),
      agent: [agentOf(input.principal)],
      source: { observer: { display: input.observer } },
      entity: [
        ...resources.map((r) => ({ what: { reference: referenceOf(r) } })),
        ...(patient ? [{ what: { reference: patient } }] : []),
      ],
    });
  }
  return events;
}
