import { getResourceTypes, getSearchParameters } from '@medplum/core';
import type {
  CapabilityStatement,
  CapabilityStatementRestResource,
  CapabilityStatementRestResourceSearchParam,
  CapabilityStatementRestSecurity,
} from 'fhir/r4.js';

/** The SMART endpoints advertised in the CapabilityStatement (SMART App Launch 1.0 `oauth-uris` extension). */
export interface OAuthUris {
  readonly authorize: string;
  readonly token: string;
  readonly register?: string | undefined;
  readonly manage?: string | undefined;
}

export interface CapabilityOptions {
  readonly baseUrl: string;
  readonly oauthUris?: OAuthUris | undefined;
  /** When the statement was generated (the service's start). */
  readonly date: Date;
}

const OAUTH_URIS_EXTENSION = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';
const RESTFUL_SECURITY_SERVICE = 'http://terminology.hl7.org/CodeSystem/restful-security-service';

/** Search parameter types the sandbox can evaluate (composite and special are rejected with 400). */
const SUPPORTED_PARAM_TYPES: ReadonlySet<string> = new Set([
  'number',
  'date',
  'string',
  'token',
  'reference',
  'quantity',
  'uri',
]);
/** Medplum-internal parameters every type carries in its index, which are not R4. */
const INTERNAL_PARAMS: ReadonlySet<string> = new Set(['_compartment', '_project']);

const TYPE_INTERACTIONS = [
  'read',
  'vread',
  'update',
  'patch',
  'delete',
  'history-instance',
  'history-type',
  'create',
  'search-type',
] as const;

let cachedResources: CapabilityStatementRestResource[] | undefined;

function searchParamsOf(resourceType: string): CapabilityStatementRestResourceSearchParam[] {
  return Object.values(getSearchParameters(resourceType) ?? {})
    .filter((p) => SUPPORTED_PARAM_TYPES.has(p.type) && !INTERNAL_PARAMS.has(p.code))
    .map((p) => ({
      name: p.code,
      type: p.type as CapabilityStatementRestResourceSearchParam['type'],
      ...(p.url ? { definition: p.url } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function restResource(type: string): CapabilityStatementRestResource {
  const params = searchParamsOf(type);
  return {
    type: type as CapabilityStatementRestResource['type'],
    profile: `http://hl7.org/fhir/StructureDefinition/${type}`,
    interaction: TYPE_INTERACTIONS.map((code) => ({ code })),
    versioning: 'versioned',
    readHistory: true,
    updateCreate: true,
    conditionalCreate: true,
    conditionalRead: 'not-supported',
    conditionalUpdate: true,
    conditionalDelete: 'single',
    searchInclude: params.filter((p) => p.type === 'reference').map((p) => `${type}:${p.name}`),
    searchParam: params,
  };
}

/** Per-type entries depend only on the indexed definitions, so they are built once per process. */
function restResources(): CapabilityStatementRestResource[] {
  cachedResources ??= [...getResourceTypes()].sort().map(restResource);
  return cachedResources;
}

function security(oauthUris: OAuthUris): CapabilityStatementRestSecurity {
  const uris = [
    { url: 'authorize', valueUri: oauthUris.authorize },
    { url: 'token', valueUri: oauthUris.token },
    ...(oauthUris.register ? [{ url: 'register', valueUri: oauthUris.register }] : []),
    ...(oauthUris.manage ? [{ url: 'manage', valueUri: oauthUris.manage }] : []),
  ];
  return {
    cors: true,
    service: [
      {
        coding: [{ system: RESTFUL_SECURITY_SERVICE, code: 'SMART-on-FHIR' }],
        text: 'OAuth2 using SMART-on-FHIR profile',
      },
    ],
    extension: [{ url: OAUTH_URIS_EXTENSION, extension: uris }],
  };
}

/**
 * The server's CapabilityStatement (R4 capabilitystatement.html), generated from the indexed R4 SearchParameters
 * and the interactions the sandbox supports; with SMART `oauth-uris` and the SMART-on-FHIR security service when
 * the authorization endpoints are given (SMART App Launch "Conformance").
 */
export function buildCapabilityStatement(options: CapabilityOptions): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: options.date.toISOString(),
    publisher: 'Safe Enquiry',
    kind: 'instance',
    software: { name: 'Safe Enquiry sandbox FHIR server (@medplum/fhir-router)' },
    implementation: { description: 'Safe Enquiry sandbox FHIR R4 server', url: options.baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    patchFormat: ['application/json-patch+json'],
    rest: [
      {
        mode: 'server',
        ...(options.oauthUris ? { security: security(options.oauthUris) } : {}),
        resource: restResources(),
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
      },
    ],
  };
}
