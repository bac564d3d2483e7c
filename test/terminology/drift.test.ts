import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICD10, SNOMED } from '../../src/shared/index.ts';
import {
  indexResources,
  isEmisLocalSctid,
  isValidSctid,
  LOCAL_SYSTEM,
  normaliseIcd10,
  TERMINOLOGY_JSON,
} from '../../src/terminology/index.ts';

/**
 * Drift test: every code written anywhere under src/ (today's files and any added later: hooks, sandbox seeds,
 * extraction, the app…) must exist in terminology/, the single source of codes.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'src');
const TEXT_FILE = /\.(ts|tsx|mts|js|mjs|json|ndjson|html|css)$/;

/**
 * Numbers in src/ that look like SCTIDs (6–18 digits, valid partition and Verhoeff check digit) but are not codes.
 * Add an entry only with the reason; never to silence a real code.
 */
const IGNORED_NUMBERS: ReadonlyMap<string, string> = new Map([]);

/** Code systems whose codes must come from terminology/ when written as a `system|code` literal. */
const TERMINOLOGY_SYSTEM = /snomed\.info\/sct|sid\/icd-10|\/CodeSystem\/|loinc\.org/;

interface Occurrence {
  readonly file: string;
  readonly system: string;
  readonly code: string;
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listFiles(full);
    return TEXT_FILE.test(entry.name) ? [full] : [];
  });
}

function knownCodes(): Map<string, Set<string>> {
  const resources = indexResources(TERMINOLOGY_JSON);
  const known = new Map<string, Set<string>>();
  const add = (system: string | undefined, code: string): void => {
    if (!system) return;
    const set = known.get(system) ?? new Set<string>();
    set.add(system === ICD10 ? normaliseIcd10(code) : code);
    known.set(system, set);
  };
  interface Node {
    readonly code: string;
    readonly concept?: readonly Node[] | undefined;
  }
  const walk = (system: string | undefined, concepts: readonly Node[]): void => {
    for (const c of concepts) {
      add(system, c.code);
      walk(system, c.concept ?? []);
    }
  };
  for (const cs of resources.codeSystems.values()) walk(cs.url, cs.concept ?? []);
  for (const vs of resources.valueSets.values()) {
    for (const inc of vs.compose?.include ?? []) walk(inc.system, inc.concept ?? []);
  }
  return known;
}

const KNOWN = knownCodes();

function isKnown(system: string, code: string): boolean {
  const codes = KNOWN.get(system);
  if (!codes) return false;
  if (system !== ICD10) return codes.has(code);
  const normalised = normaliseIcd10(code);
  for (let n = normalised.length; n >= 3; n--) if (codes.has(normalised.slice(0, n))) return true;
  return false;
}

/** Finds SNOMED-looking ids, `system|code` literals and `{ system: CONSTANT, code: '…' }` literals in one file. */
function scan(file: string, text: string): Occurrence[] {
  const found: Occurrence[] = [];
  for (const m of text.matchAll(/(?<![\w.])\d{6,18}(?![\w.])/g)) {
    const value = m[0];
    if (isValidSctid(value) && !IGNORED_NUMBERS.has(value)) found.push({ file, system: SNOMED, code: value });
  }
  for (const m of text.matchAll(/(https?:\/\/[^\s'"`|,)]+)\|([A-Za-z0-9.-]+)/g)) {
    const [, system = '', code = ''] = m;
    if (TERMINOLOGY_SYSTEM.test(system)) found.push({ file, system, code });
  }
  const constants: Record<string, string> = { SNOMED, ICD10, LOCAL_SYSTEM };
  for (const m of text.matchAll(/system:\s*(SNOMED|ICD10|LOCAL_SYSTEM)\s*,\s*code:\s*'([^']+)'/g)) {
    const [, name = '', code = ''] = m;
    found.push({ file, system: constants[name] ?? name, code });
  }
  const unique = new Map(found.map((o) => [`${o.system}|${o.code}`, o]));
  return [...unique.values()];
}

const FILES = listFiles(SRC);
const OCCURRENCES = FILES.flatMap((file) => scan(path.relative(ROOT, file), fs.readFileSync(file, 'utf8')));

describe('terminology drift (src/** against terminology/)', () => {
  it('scans the source tree', () => {
    expect(FILES.length).toBeGreaterThan(0);
  });

  it('every code written in src/ exists in terminology/', () => {
    const unknown = OCCURRENCES.filter((o) => !isKnown(o.system, o.code)).map(
      (o) => `${o.file}: ${o.system}|${o.code}`,
    );
    expect(unknown).toEqual([]);
  });

  it('no EMIS-local (namespace 1000006) id appears anywhere in src/', () => {
    const emis = FILES.flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/\d{11,18}/g)]
        .map((m) => m[0])
        .filter((value) => isEmisLocalSctid(value))
        .map((value) => `${path.relative(ROOT, file)}: ${value}`),
    );
    expect(emis).toEqual([]);
  });

  it('ignored numbers are not terminology codes and are still present in src/', () => {
    for (const value of IGNORED_NUMBERS.keys()) {
      expect(isKnown(SNOMED, value)).toBe(false);
      expect(FILES.some((file) => fs.readFileSync(file, 'utf8').includes(value))).toBe(true);
    }
  });

  it('the scanner catches an unknown code in each form it looks for', () => {
    const probe = [
      "const a = '138875005';",
      "const b = 'http://snomed.info/sct|404684003';",
      "const c = { system: LOCAL_SYSTEM, code: 'not-a-local-code' };",
      "const d = 'http://hl7.org/fhir/sid/icd-10|Z99.9';",
    ].join('\n');
    const unknown = scan('probe.ts', probe).filter((o) => !isKnown(o.system, o.code));
    expect(unknown.map((o) => o.code).sort()).toEqual([
      '138875005',
      '404684003',
      'Z99.9',
      'not-a-local-code',
    ]);
    expect(scan('probe.ts', "x = 'http://snomed.info/sct|700410005'; y = 'X60.1';")).toHaveLength(1);
  });
});
