const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});
const MONTH_YEAR = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const DAY_ONLY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/**
 * A FHIR `date` or `dateTime` the way the NHS writes dates ("4 March 2025", GOV.UK style), in UK time; a partial
 * date as far as it goes; empty for anything unparseable.
 */
export function formatUkDate(value: string | undefined): string {
  if (value === undefined) return '';
  if (/^\d{4}$/.test(value)) return value;
  if (/^\d{4}-\d{2}$/.test(value)) return safeFormat(MONTH_YEAR, `${value}-01T12:00:00Z`);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return safeFormat(DAY_ONLY, `${value}T12:00:00Z`);
  return safeFormat(LONG_DATE, value);
}

function safeFormat(format: Intl.DateTimeFormat, value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? '' : format.format(new Date(time));
}

/** An ISO instant for sorting (empty for no date: sorts last when newest come first). */
export function sortKeyOf(value: string | undefined): string {
  if (value === undefined) return '';
  const time = Date.parse(
    /^\d{4}(-\d{2})?$/.test(value) ? `${value.padEnd(7, '-01').slice(0, 7)}-01` : value,
  );
  return Number.isNaN(time) ? '' : new Date(time).toISOString();
}

/** NHS numbers are shown 3-3-4 ("943 476 5919"). */
export function formatNhsNumber(value: string): string {
  const digits = value.replace(/\s+/g, '');
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : digits;
}
