import type { AuditEvent, AuditEventAgent, FhirResource } from 'fhir/r4.js';

/** The sandbox's safeguarding lead (sandbox fixed facts): the reviewer, whose own looks raise no alert. */
export const SAFEGUARDING_LEAD_REF = 'Practitioner/sandbox-safeguarding-lead';

const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
const PERSON_KEYS: ReadonlySet<string> = new Set([
  'author',
  'recorder',
  'asserter',
  'performer',
  'requester',
  'owner',
]);
const PERSON = /^(Practitioner|PractitionerRole)\/[A-Za-z0-9\-.]{1,64}$/;

/** One look at the patient's restricted record, from an AuditEvent. */
export interface AccessEntry {
  readonly id: string;
  /** `Practitioner/…`, or the client id of a backend service. */
  readonly who: string;
  readonly person: boolean;
  readonly when: string;
  /** Resource types seen, e.g. `Flag, Condition`. */
  readonly what: readonly string[];
  readonly action: string;
  readonly breakGlass: boolean;
  readonly breakGlassReason?: string;
  /** A person with no care relationship to the patient, or any break-the-glass access. */
  readonly alert: boolean;
}

function agentOf(event: AuditEvent): AuditEventAgent | undefined {
  return event.agent.find((a) => a.requestor) ?? event.agent[0];
}

function purposeCodes(event: AuditEvent, agent: AuditEventAgent | undefined) {
  return [...(event.purposeOfEvent ?? []), ...(agent?.purposeOfUse ?? [])].flatMap((p) =>
    (p.coding ?? []).filter((c) => c.system === ACT_REASON).map((c) => ({ code: c.code, text: p.text })),
  );
}

function typesSeen(event: AuditEvent): string[] {
  const types = (event.entity ?? [])
    .map((e) => /^([A-Za-z]+)\//.exec(e.what?.reference ?? '')?.[1])
    .filter((t): t is string => t !== undefined && t !== 'Patient');
  return [...new Set(types)].sort();
}

function referencesIn(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) referencesIn(v, out);
  else if (typeof value === 'object' && value !== null) {
    const ref = (value as { reference?: unknown }).reference;
    if (typeof ref === 'string' && PERSON.test(ref)) out.add(ref);
    for (const v of Object.values(value)) referencesIn(v, out);
  }
}

/**
 * The patient's care team, for the sandbox: every practitioner named on one of the patient's Encounters
 * (`participant.individual`) or as author, recorder, asserter, performer or requester of one of their records. A
 * deliberately simple stand-in for a real EHR's legitimate-relationship register.
 */
export function careTeamOf(records: readonly FhirResource[]): Set<string> {
  const team = new Set<string>();
  for (const record of records) {
    if (record.resourceType === 'AuditEvent' || record.resourceType === 'Provenance') continue;
    if (record.resourceType === 'Encounter') referencesIn(record.participant, team);
    else {
      for (const [key, value] of Object.entries(record)) if (PERSON_KEYS.has(key)) referencesIn(value, team);
    }
  }
  return team;
}

/**
 * "Who has looked at this record" from the FHIR server's AuditEvents, newest first. Alerts: a person who is neither
 * the reviewer nor on the care team, and every break-the-glass (`ETREAT`) access; backend services are listed only.
 */
export function readAccessLog(
  events: readonly FhirResource[],
  careTeam: ReadonlySet<string>,
  reviewerRef: string,
): AccessEntry[] {
  return events
    .filter((e): e is AuditEvent => e.resourceType === 'AuditEvent')
    .map((event) => {
      const agent = agentOf(event);
      const who = agent?.who?.reference ?? agent?.altId ?? agent?.who?.display ?? 'unknown';
      const person = PERSON.test(who);
      const purpose = purposeCodes(event, agent);
      const glass = purpose.find((p) => p.code === 'ETREAT');
      const stranger = person && who !== reviewerRef && !careTeam.has(who);
      return {
        id: event.id ?? '',
        who,
        person,
        when: event.recorded,
        what: typesSeen(event),
        action: event.action ?? 'R',
        breakGlass: glass !== undefined,
        ...(glass?.text ? { breakGlassReason: glass.text } : {}),
        alert: glass !== undefined || stranger,
      };
    })
    .sort((a, b) => b.when.localeCompare(a.when));
}
