/**
 * Seed dates, all relative to the `now` passed in (no clock): a seed built twice with the same `now` is identical,
 * and a seed built today has histories that end today.
 */

const DAY_MS = 86_400_000;

/** When a record happened: a number of whole days before `now` at a UTC time of day, or minutes before `now`. */
export type When = { readonly daysAgo: number; readonly at: string } | { readonly minutesAgo: number };

/** `daysAgo` whole days before today, at `at` (UTC, `HH:MM`). With `daysAgo` ≥ 1 it is always before `now`. */
export function ago(daysAgo: number, at = '10:00'): When {
  if (!Number.isInteger(daysAgo) || daysAgo < 1) throw new RangeError('daysAgo must be a whole number ≥ 1');
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(at)) throw new RangeError('at must be HH:MM');
  return { daysAgo, at };
}

/** `minutes` before `now` (0 = now, so that "today" is today whatever the time zone). */
export function minutesAgo(minutes: number): When {
  if (!Number.isInteger(minutes) || minutes < 0) throw new RangeError('minutes must be a whole number ≥ 0');
  return { minutesAgo: minutes };
}

/** The instant of a `When`, truncated to whole seconds. */
export function instantOf(now: Date, when: When): Date {
  const base = Math.floor(now.getTime() / 1000) * 1000;
  if ('minutesAgo' in when) return new Date(base - when.minutesAgo * 60_000);
  const day = new Date(base - when.daysAgo * DAY_MS);
  const [hours = 0, minutes = 0] = when.at.split(':').map(Number);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hours, minutes));
}

/** A FHIR dateTime (UTC, whole seconds): `2026-03-07T10:00:00Z`. */
export function fhirDateTime(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `minutes` after an instant. */
export function plusMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * 60_000);
}

/** A FHIR date of birth for someone `years` old at `now` whose birthday was `daysSinceBirthday` days ago. */
export function birthDateFor(now: Date, years: number, daysSinceBirthday: number): string {
  const birthday = new Date(now.getTime() - daysSinceBirthday * DAY_MS);
  const born = new Date(
    Date.UTC(birthday.getUTCFullYear() - years, birthday.getUTCMonth(), birthday.getUTCDate()),
  );
  return born.toISOString().slice(0, 10);
}
