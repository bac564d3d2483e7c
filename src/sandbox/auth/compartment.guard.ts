import type { Resource } from 'fhir/r4.js';
import {
  compartmentSearchParams,
  isCompartmentType,
  isWithinPatientCompartment,
  refersToPatient,
} from './patient-compartment.ts';
import type { QueryParams, RequiredAccess } from './request-access.map.ts';

/** Why a patient-confined request was refused (stable codes for OperationOutcome details). */
export type CompartmentRefusal = 'patient-compartment' | 'patient-param-required';

/** True when some parameter pins the search on `resourceType` to `patientId` (every OR-ed value points at it). */
export function queryPinsPatient(
  resourceType: string,
  query: QueryParams | undefined,
  patientId: string,
): boolean {
  const params = compartmentSearchParams(resourceType);
  for (const [key, values] of query ?? []) {
    const [name, modifier] = key.split(':');
    if (name === undefined || !params.includes(name)) continue;
    if (modifier !== undefined && modifier !== 'Patient') continue;
    const pinned = values.every((value) =>
      value.split(',').every((ref) => ref.length > 0 && refersToPatient(ref, patientId, true)),
    );
    if (pinned && values.length > 0) return true;
  }
  return false;
}

function isResource(value: unknown): value is Resource {
  return typeof value === 'object' && value !== null && typeof (value as Resource).resourceType === 'string';
}

function checkSearch(access: RequiredAccess, patientId: string): CompartmentRefusal | undefined {
  if (access.compartmentPatient !== undefined) {
    return access.compartmentPatient === patientId ? undefined : 'patient-compartment';
  }
  if (access.resourceType === '*') return 'patient-param-required';
  if (!isCompartmentType(access.resourceType)) return undefined;
  return queryPinsPatient(access.resourceType, access.query, patientId)
    ? undefined
    : 'patient-param-required';
}

function checkWrite(access: RequiredAccess, patientId: string): CompartmentRefusal | undefined {
  const type = access.resourceType;
  if (!isCompartmentType(type)) return undefined;
  if (
    access.query !== undefined &&
    access.query.size > 0 &&
    !queryPinsPatient(type, access.query, patientId)
  ) {
    return 'patient-param-required';
  }
  if (type === 'Patient' && access.id !== undefined && access.id !== patientId) return 'patient-compartment';
  if (access.kind === 'create' || access.kind === 'update') {
    const body = access.resource;
    return isResource(body) && body.resourceType === type && isWithinPatientCompartment(body, patientId)
      ? undefined
      : 'patient-compartment';
  }
  // Instance-level patch or delete: the stored resource is not visible here, so only the patient's own record qualifies.
  if (access.id !== undefined && type !== 'Patient') return 'patient-compartment';
  return undefined;
}

/**
 * Checks one interaction of a patient-confined token against its patient's compartment before the router runs.
 * Reads of non-Patient resources are checked on the way out (`mayDisclose`); `_include`d types likewise.
 */
export function checkConfinedAccess(
  access: RequiredAccess,
  patientId: string,
): CompartmentRefusal | undefined {
  if (access.scopeOnly) return undefined;
  switch (access.kind) {
    case 'read':
      if (access.compartmentPatient !== undefined && access.compartmentPatient !== patientId) {
        return 'patient-compartment';
      }
      return access.resourceType === 'Patient' && access.id !== undefined && access.id !== patientId
        ? 'patient-compartment'
        : undefined;
    case 'search':
      return checkSearch(access, patientId);
    case 'create':
    case 'update':
    case 'patch':
    case 'delete':
      return checkWrite(access, patientId);
  }
}
