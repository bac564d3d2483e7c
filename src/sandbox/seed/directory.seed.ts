import type { Device, Organization, Practitioner, PractitionerRole } from 'fhir/r4.js';
import { buildAppDevice } from './app-device.seed.ts';
import type { Author } from './seed-spec.types.ts';
import { CARE_SETTINGS, PRACTICE_SETTING_SYSTEM } from './uk-core.codes.ts';

/**
 * The sandbox's organisations, practitioners and their roles (briefs/common.md "Sandbox fixed facts"). Names are
 * synthetic and match the sandbox login page (src/sandbox/auth/sandbox-users.ts); towns are from Hardy's fictional
 * Wessex so that no address is real.
 */

const ORGANIZATION_TYPE = 'http://terminology.hl7.org/CodeSystem/organization-type';

function organization(id: string, name: string, town: string): Organization {
  return {
    resourceType: 'Organization',
    id,
    active: true,
    type: [{ coding: [{ system: ORGANIZATION_TYPE, code: 'prov', display: 'Healthcare Provider' }] }],
    name,
    address: [{ use: 'work', line: ['1 Fordington Road'], city: town, district: 'Wessex', country: 'GB' }],
  };
}

interface StaffMember {
  readonly id: string;
  readonly given: string;
  readonly family: string;
  readonly prefix?: string;
  readonly gender?: 'female' | 'male';
  readonly role: string;
  readonly org: string;
  readonly setting: 'gp' | 'adult-mh';
}

const STAFF: readonly StaffMember[] = [
  {
    id: 'sandbox-gp',
    given: 'Alex',
    family: 'Morgan',
    prefix: 'Dr',
    role: 'General practitioner',
    org: 'sandbox-practice',
    setting: 'gp',
  },
  {
    id: 'sandbox-mh-clinician',
    given: 'Jordan',
    family: 'Reyes',
    role: 'Mental-health clinician',
    org: 'sandbox-mh-trust',
    setting: 'adult-mh',
  },
  {
    id: 'sandbox-safeguarding-lead',
    given: 'Priya',
    family: 'Shah',
    gender: 'female',
    role: 'Safeguarding lead',
    org: 'sandbox-practice',
    setting: 'gp',
  },
  {
    id: 'sandbox-data-lead',
    given: 'Sam',
    family: 'Okafor',
    gender: 'male',
    role: 'Data lead',
    org: 'sandbox-practice',
    setting: 'gp',
  },
  {
    id: 'sandbox-locum',
    given: 'Robin',
    family: 'Hale',
    prefix: 'Dr',
    role: 'Locum general practitioner',
    org: 'sandbox-practice',
    setting: 'gp',
  },
];

function practitioner(s: StaffMember): Practitioner {
  return {
    resourceType: 'Practitioner',
    id: s.id,
    active: true,
    name: [
      { use: 'official', family: s.family, given: [s.given], ...(s.prefix ? { prefix: [s.prefix] } : {}) },
    ],
    ...(s.gender ? { gender: s.gender } : {}),
  };
}

function practitionerRole(s: StaffMember): PractitionerRole {
  const setting = CARE_SETTINGS[s.setting];
  return {
    resourceType: 'PractitionerRole',
    id: `${s.id}-role`,
    active: true,
    practitioner: { reference: `Practitioner/${s.id}` },
    organization: { reference: `Organization/${s.org}` },
    code: [{ text: s.role }],
    specialty: [
      { coding: [{ system: PRACTICE_SETTING_SYSTEM, code: setting.code, display: setting.display }] },
    ],
  };
}

/** Organisations, Practitioners, PractitionerRoles and the recording app's Device, in that order. */
export function buildDirectory(): (Organization | Practitioner | PractitionerRole | Device)[] {
  return [
    organization('sandbox-practice', 'Casterbridge Health Centre (synthetic)', 'Casterbridge'),
    organization('sandbox-mh-trust', 'South Wessex Mental Health Services (synthetic)', 'Casterbridge'),
    organization('sandbox-acute-trust', 'Casterbridge General Hospital (synthetic)', 'Casterbridge'),
    ...STAFF.map(practitioner),
    ...STAFF.map(practitionerRole),
    buildAppDevice(),
  ];
}

/** The Practitioner who records an entry for an author, if any. */
export function authorReference(author: Author): { reference: string } | undefined {
  switch (author) {
    case 'gp':
      return { reference: 'Practitioner/sandbox-gp' };
    case 'mh':
      return { reference: 'Practitioner/sandbox-mh-clinician' };
    case 'safeguarding':
      return { reference: 'Practitioner/sandbox-safeguarding-lead' };
    case 'none':
      return undefined;
  }
}
