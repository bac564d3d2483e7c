import type { Address, HumanName, Patient, RelatedPerson } from 'fhir/r4.js';
import { syntheticNhsNumber } from './nhs-number.util.ts';
import type { ParentLink, PatientSpec } from './seed-spec.types.ts';
import { birthDateFor } from './seed-time.util.ts';
import {
  ETHNIC_CATEGORY,
  ETHNIC_CATEGORY_EXTENSION,
  ETHNIC_CATEGORY_SYSTEM,
  NHS_NUMBER_SYSTEM,
} from './uk-core.codes.ts';

const ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
const RELATIONSHIP_DISPLAY = { MTH: 'mother', FTH: 'father', GRMTH: 'grandmother' } as const;

function nameOf(spec: PatientSpec): HumanName {
  return {
    use: 'official',
    family: spec.family,
    given: [...spec.given],
    ...(spec.prefix ? { prefix: [spec.prefix] } : {}),
  };
}

function addressOf(spec: PatientSpec): Address {
  return {
    use: 'home',
    line: [spec.address.line],
    city: spec.address.town,
    district: 'Wessex',
    country: 'GB',
  };
}

function nhsIdentifier(spec: PatientSpec) {
  return { system: NHS_NUMBER_SYSTEM, value: syntheticNhsNumber(spec.serial) };
}

/**
 * A UK Core-style Patient: NHS number (999 test range, valid check digit), UK Core ethnic category, gender, date
 * of birth (age relative to `now`), a synthetic home address in a fictional town, registered at the sandbox practice.
 */
export function buildPatient(spec: PatientSpec, now: Date): Patient {
  return {
    resourceType: 'Patient',
    id: spec.id,
    extension: [
      {
        url: ETHNIC_CATEGORY_EXTENSION,
        valueCodeableConcept: {
          coding: [
            {
              system: ETHNIC_CATEGORY_SYSTEM,
              code: spec.ethnicity,
              display: ETHNIC_CATEGORY[spec.ethnicity],
            },
          ],
        },
      },
    ],
    identifier: [nhsIdentifier(spec)],
    active: true,
    name: [nameOf(spec)],
    gender: spec.gender,
    birthDate: birthDateFor(now, spec.age.years, spec.age.days),
    address: [addressOf(spec)],
    generalPractitioner: [{ reference: 'Organization/sandbox-practice' }],
    managingOrganization: { reference: 'Organization/sandbox-practice' },
  };
}

/**
 * A parent as a RelatedPerson on the child's record, identified by the parent's own NHS number so that the two
 * registered records can be matched (Patient.link is for duplicate records, not for family: FHIR R4 Patient.link).
 * The parent's address is not copied: a child's record can be seen by others with access to it (a proxy), and a
 * parent who has fled abuse must not be found through it.
 */
export function buildParentLink(
  child: PatientSpec,
  link: ParentLink,
  parent: PatientSpec,
  now: Date,
  index: number,
): RelatedPerson {
  return {
    resourceType: 'RelatedPerson',
    id: `rp-${child.id}-${String(index + 1).padStart(3, '0')}`,
    active: true,
    patient: { reference: `Patient/${child.id}` },
    identifier: [nhsIdentifier(parent)],
    relationship: [
      {
        coding: [
          { system: ROLE_CODE, code: link.relationship, display: RELATIONSHIP_DISPLAY[link.relationship] },
        ],
      },
    ],
    name: [nameOf(parent)],
    gender: parent.gender,
    birthDate: birthDateFor(now, parent.age.years, parent.age.days),
  };
}
