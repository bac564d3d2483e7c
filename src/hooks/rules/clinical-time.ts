/**
 * Dates for the rules: FHIR date/dateTime parsing, calendar-month windows and local calendar days. Pure: `now` and
 * the time zone are passed in.
 */
import { parseInstantFast } from './fhir-instant.parser.ts';

const FHIR_DATE = /^(\d{4})(-(\d{2})(-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/**
 * Epoch ms of a FHIR date or dateTime; partial dates (`2025`, `2025-03`) mean their first instant (UTC). Undefined
 * when the text is not a FHIR date.
 */
export function parseFhirDate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const fast = parseInstantFast(text);
  if (fast !== undefined) return fast;
  const match = FHIR_DATE.exec(text);
  if (!match) return undefined;
  const [, year, , month, , day, time] = match;
  if (time === undefined) return Date.UTC(Number(year), Number(month ?? '1') - 1, Number(day ?? '1'));
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `now` minus whole calendar months (UTC), clamping the day to the end of a shorter month. */
export function monthsBefore(now: Date, months: number): number {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(
    y,
    m,
    Math.min(now.getUTCDate(), lastDay),
    now.getUTCHours(),
    now.getUTCMinutes(),
    now.getUTCSeconds(),
    now.getUTCMilliseconds(),
  );
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** A zone's day formatter and its last answer: every request asks for the day of `now`, and formatting is slow. */
interface DayFormat {
  readonly format: Intl.DateTimeFormat;
  lastSecond: number;
  lastDay: string;
}

const dayFormats = new Map<string, DayFormat>();

function dayFormat(timeZone: string): DayFormat {
  let entry = dayFormats.get(timeZone);
  if (!entry) {
    const format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    entry = { format, lastSecond: Number.NaN, lastDay: '' };
    dayFormats.set(timeZone, entry);
  }
  return entry;
}

/**
 * The calendar day (`YYYY-MM-DD`) of an instant in a time zone. Remembers the last second asked per zone: zone
 * offsets are whole seconds, so every instant of one UTC second falls on the same local day.
 */
export function localDay(ms: number, timeZone: string): string {
  const entry = dayFormat(timeZone);
  const second = Math.floor(ms / 1000);
  if (second !== entry.lastSecond) {
    entry.lastDay = entry.format.format(new Date(ms));
    entry.lastSecond = second;
  }
  return entry.lastDay;
}

/** The calendar day of a FHIR date as written (a plain date is its own day; a dateTime is converted). */
export function localDayOf(text: string, ms: number, timeZone: string): string {
  return text.length <= 10 ? text.padEnd(10, '-01').slice(0, 10) : localDay(ms, timeZone);
}

/** Whole years between a birth date (`YYYY-MM-DD`) and a calendar day. */
export function ageInYears(birthDate: string, onDay: string): number | undefined {
  const birth = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(onDay);
  if (!birth || !day) return undefined;
  const [, by, bm, bd] = birth.map(Number);
  const [, y, m, d] = day.map(Number);
  if (by === undefined || bm === undefined || bd === undefined) return undefined;
  if (y === undefined || m === undefined || d === undefined) return undefined;
  const hadBirthday = m > bm || (m === bm && d >= bd);
  const age = y - by - (hadBirthday ? 0 : 1);
  return age >= 0 ? age : undefined;
}
