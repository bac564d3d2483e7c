import { prefetchTemplates } from '../data/prefetch-keys.ts';
import type { CdsDiscoveryResponse, CdsServiceDefinition } from './cds.types.ts';
import type { Hook } from './hook-request.schema.ts';

export interface ServiceSpec {
  readonly id: string;
  readonly hook: Hook;
  readonly title: string;
  readonly description: string;
}

const DESCRIPTION =
  'Suggests a private, safe enquiry when indicators in the record cluster (NICE QS116, PH50, NG225), stays discreet on ' +
  'screen, links to the recording app, and records prompt outcomes for evaluation. Never prompts a patient or proxy.';

/** The services this CDS Hooks server offers (at least patient-view and encounter-start, CONTRACT). */
export const SERVICES: readonly ServiceSpec[] = [
  {
    id: 'safe-enquiry-patient-view',
    hook: 'patient-view',
    title: 'Safe enquiry prompt (patient view)',
    description: DESCRIPTION,
  },
  {
    id: 'safe-enquiry-encounter-start',
    hook: 'encounter-start',
    title: 'Safe enquiry prompt (encounter start)',
    description: DESCRIPTION,
  },
];

export function findService(id: string): ServiceSpec | undefined {
  return SERVICES.find((s) => s.id === id);
}

/** The discovery document (CDS Hooks 2.0 "Discovery"). */
export function discoveryDocument(): CdsDiscoveryResponse {
  const prefetch = prefetchTemplates();
  const services: CdsServiceDefinition[] = SERVICES.map((s) => ({ ...s, prefetch }));
  return { services };
}
