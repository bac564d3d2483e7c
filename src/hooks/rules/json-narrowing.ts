import type { Coding } from 'fhir/r4.js';

/**
 * Field-by-field narrowing of untrusted FHIR JSON (prefetch and callback results). Only the fields the rules read are
 * parsed; anything of the wrong shape counts as absent. Validating whole resources would cost more than the rest of
 * the request and check fields no rule reads.
 */
export type JsonObject = Readonly<Record<string, unknown>>;

export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Codes and systems longer than this are not codes (they would only bloat the code memo). */
const MAX_CODE_LENGTH = 128;
const MAX_SYSTEM_LENGTH = 512;

function asCoding(value: unknown): Coding | undefined {
  const o = asObject(value);
  const system = asString(o?.system);
  const code = asString(o?.code);
  if (!system || !code || code.length > MAX_CODE_LENGTH || system.length > MAX_SYSTEM_LENGTH)
    return undefined;
  return { system, code };
}

/** The well-formed codings of a CodeableConcept (system and code only; displays from records are never used). */
export function codingsOf(codeableConcept: unknown): Coding[] {
  const result: Coding[] = [];
  for (const item of asArray(asObject(codeableConcept)?.coding)) {
    const coding = asCoding(item);
    if (coding) result.push(coding);
  }
  return result;
}

/** The codings of every CodeableConcept in a list (e.g. `Encounter.reasonCode`). */
export function codingsOfAll(codeableConcepts: unknown): Coding[] {
  return asArray(codeableConcepts).flatMap((cc) => codingsOf(cc));
}

/** The `code` of a CodeableConcept's codings, for status-like concepts (e.g. `Condition.verificationStatus`). */
export function conceptCodes(codeableConcept: unknown): string[] {
  return codingsOf(codeableConcept).map((c) => c.code ?? '');
}

/** A dotted element path, split once: `path('effectivePeriod.start')`. */
export type ElementPath = readonly string[];
export function path(dotted: string): ElementPath {
  return dotted.split('.');
}

/** The first non-empty string found along the paths, in order. */
export function firstString(o: JsonObject, paths: readonly ElementPath[]): string | undefined {
  for (const parts of paths) {
    let current: unknown = o;
    for (const part of parts) current = asObject(current)?.[part];
    const value = asString(current);
    if (value) return value;
  }
  return undefined;
}
