import type { SandboxRole } from '../fhir/access.ts';

/** A clinician who can be "signed in" to the simulated EHR. */
export interface EhrUser {
  /** Practitioner id (the launch `userId`). */
  readonly id: string;
  readonly role: SandboxRole;
  readonly label: string;
}

/** The sandbox users (briefs/common.md "Sandbox fixed facts"). */
export const EHR_USERS: readonly EhrUser[] = [
  { id: 'sandbox-gp', role: 'gp', label: 'GP' },
  { id: 'sandbox-mh-clinician', role: 'mh-clinician', label: 'Mental-health clinician' },
  { id: 'sandbox-safeguarding-lead', role: 'safeguarding-lead', label: 'Safeguarding lead' },
  { id: 'sandbox-data-lead', role: 'data-lead', label: 'Data lead' },
];

const DEFAULT_USER: EhrUser = { id: 'sandbox-gp', role: 'gp', label: 'GP' };
export const SAFEGUARDING_USER: EhrUser = {
  id: 'sandbox-safeguarding-lead',
  role: 'safeguarding-lead',
  label: 'Safeguarding lead',
};

export const USER_COOKIE = 'ehr_user';

export function findUser(id: string | undefined): EhrUser | undefined {
  return EHR_USERS.find((u) => u.id === id);
}

/** Reads the signed-in user from the Cookie header; the GP when absent or unknown. */
export function userFromCookie(cookieHeader: string | undefined): EhrUser {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === USER_COOKIE) return findUser(value) ?? DEFAULT_USER;
  }
  return DEFAULT_USER;
}

/** The user the app is launched as: safeguarding → the safeguarding lead; clinician → the current clinician. */
export function launchUser(current: EhrUser, role: 'clinician' | 'safeguarding'): EhrUser {
  if (role === 'safeguarding') return SAFEGUARDING_USER;
  return current.role === 'gp' || current.role === 'mh-clinician' ? current : DEFAULT_USER;
}

export function userReference(user: EhrUser): string {
  return `Practitioner/${user.id}`;
}
