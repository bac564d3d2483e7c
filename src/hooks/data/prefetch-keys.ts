import type { RuleConfig } from '../rules/index.ts';

/** One prefetch key: its template for discovery and how the service fetches it itself when it is missing. */
export interface PrefetchKey {
  readonly key: string;
  readonly kind: 'read' | 'search';
  readonly resourceType: 'Patient' | 'Encounter' | 'Condition' | 'Procedure' | 'Observation' | 'Flag';
  /** CDS Hooks 2.0 template: only `{{context.*}}` tokens, FHIR read or search (spec "Prefetch template"). */
  readonly template: string;
  /** The context field the template needs; a key whose field is absent does not apply to this call. */
  readonly needs: 'patientId' | 'encounterId';
  /** Callbacks may narrow by date (a 2.0 template cannot compute one); the rules re-check dates anyway. */
  readonly callbackSinceMonths?: (config: RuleConfig) => number;
}

/** The largest page the rules want in one round trip; the service follows `next` links for the rest. */
const PAGE = '_count=1000';

/** Longest look-back over encounters of any rule (self-harm reasons, injuries, attendance). */
function encounterMonths(config: RuleConfig): number {
  return Math.max(
    config.repeatSelfHarm.lookbackMonths,
    config.overshadowing.lookbackMonths,
    config.overshadowing.frequentAttendanceMonths,
  );
}

/**
 * What the rules need. Conditions, procedures, observations and flags are fetched in full, not by date: a
 * diagnosis, a "history of" code or a disclosure years ago still counts.
 */
export const PREFETCH_KEYS: readonly PrefetchKey[] = [
  {
    key: 'patient',
    kind: 'read',
    resourceType: 'Patient',
    template: 'Patient/{{context.patientId}}',
    needs: 'patientId',
  },
  {
    key: 'encounter',
    kind: 'read',
    resourceType: 'Encounter',
    template: 'Encounter/{{context.encounterId}}',
    needs: 'encounterId',
  },
  {
    key: 'encounters',
    kind: 'search',
    resourceType: 'Encounter',
    template: `Encounter?patient={{context.patientId}}&${PAGE}`,
    needs: 'patientId',
    callbackSinceMonths: encounterMonths,
  },
  {
    key: 'conditions',
    kind: 'search',
    resourceType: 'Condition',
    template: `Condition?patient={{context.patientId}}&${PAGE}`,
    needs: 'patientId',
  },
  {
    key: 'procedures',
    kind: 'search',
    resourceType: 'Procedure',
    template: `Procedure?patient={{context.patientId}}&${PAGE}`,
    needs: 'patientId',
  },
  {
    key: 'observations',
    kind: 'search',
    resourceType: 'Observation',
    template: `Observation?patient={{context.patientId}}&${PAGE}`,
    needs: 'patientId',
  },
  {
    key: 'flags',
    kind: 'search',
    resourceType: 'Flag',
    template: `Flag?patient={{context.patientId}}&${PAGE}`,
    needs: 'patientId',
  },
];

/** The discovery `prefetch` object. */
export function prefetchTemplates(keys: readonly PrefetchKey[] = PREFETCH_KEYS): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k.key, k.template]));
}
