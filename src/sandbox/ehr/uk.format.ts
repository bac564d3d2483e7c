import type { CodeableConcept, HumanName, Identifier, Patient } from 'fhir/r4.js';

export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

const DATE = new Intl.DateTimeFormat('en-GB', {
  day: '2-digit',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: '2-digit',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/**
 * A FHIR date or dateTime in UK style: `07 Mar 1988`, or `07 Mar 2026, 14:05` (UK time) when a time is present.
 * Partial dates keep their precision (`Mar 1988`, `1988`). Unparseable input is shown as given.
 */
export function formatUkDate(value: string | undefined): string {
  if (!value) return '';
  if (/^\d{4}$/.test(value)) return value;
  if (/^\d{4}-\d{2}$/.test(value)) return DATE.format(new Date(`${value}-01T00:00:00Z`)).slice(3);
  const parsed = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(parsed.getTime())) return value;
  return value.length === 10 ? DATE.format(parsed) : DATE_TIME.format(parsed);
}

/** Whole years between a birth date and today (UTC calendar), or undefined. */
export function ageInYears(birthDate: string | undefined, today: Date): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate ?? '');
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number);
  if (y === undefined || m === undefined || d === undefined) return undefined;
  const beforeBirthday =
    today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d);
  return today.getUTCFullYear() - y - (beforeBirthday ? 1 : 0);
}

function officialName(names: readonly HumanName[] | undefined): HumanName | undefined {
  return names?.find((n) => n.use === 'official') ?? names?.find((n) => n.use !== 'old') ?? names?.[0];
}

/** NHS display convention: `FAMILY, Given Names (Title)`. */
export function formatPatientName(patient: Patient): string {
  const name = officialName(patient.name);
  if (!name) return 'Unnamed patient';
  const family = (name.family ?? '').toUpperCase();
  const given = (name.given ?? []).join(' ');
  const prefix = name.prefix?.length ? ` (${name.prefix.join(' ')})` : '';
  const text = [family, given].filter(Boolean).join(', ');
  return text ? `${text}${prefix}` : (name.text ?? 'Unnamed patient');
}

/** The NHS number formatted `3 3 4` (`943 476 5919`), or undefined. */
export function nhsNumber(identifiers: readonly Identifier[] | undefined): string | undefined {
  const value = identifiers?.find((i) => i.system === NHS_NUMBER_SYSTEM)?.value?.replace(/\s+/g, '');
  if (!value) return undefined;
  return /^\d{10}$/.test(value) ? `${value.slice(0, 3)} ${value.slice(3, 6)} ${value.slice(6)}` : value;
}

/** The text a clinician would read for a concept: text, else the first display, else the first code. */
export function conceptText(concept: CodeableConcept | undefined): string {
  return (
    concept?.text ?? concept?.coding?.find((c) => c.display)?.display ?? concept?.coding?.[0]?.code ?? ''
  );
}

const GENDER: Readonly<Record<string, string>> = {
  male: 'Male',
  female: 'Female',
  other: 'Other',
  unknown: 'Not known',
};

export function formatGender(gender: string | undefined): string {
  return gender ? (GENDER[gender] ?? gender) : 'Not recorded';
}
