import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { declaresTest, parseHazardLog, riskOf } from './hazard-log.parser.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOG = readFileSync(`${ROOT}docs/clinical-safety/hazard-log.md`, 'utf8');
const { hazards, controls } = parseHazardLog(LOG);

/** The hazards issue 6 names; each must be one row of the log. */
const REQUIRED_HAZARDS: readonly [string, RegExp][] = [
  ['a prompt seen by the person causing harm', /prompt seen by the person causing harm/i],
  ['prompts missed through data gaps or FHIR outage', /prompts? missed through data gaps or FHIR outage/i],
  ['alert fatigue', /alert fatigue/i],
  ['a disclosure recorded on the wrong patient', /disclosure recorded on the wrong patient/i],
  [
    'restricted data leaked to online access, proxy or print',
    /restricted data leaked to online access, proxy or print/i,
  ],
  ['a recording lost or duplicated', /recording lost or duplicated/i],
  ['a suspected perpetrator learning of the suspicion', /suspected perpetrator learning of the suspicion/i],
  ['a child’s record missing its entry', /child[’']s record missing its entry/i],
  ['codes mis-mapped in extraction', /codes mis-mapped in extraction/i],
  ['re-identification from small numbers', /re-identification from small numbers/i],
];

function sourceOf(file: string): string | undefined {
  const path = `${ROOT}${file}`;
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

describe('clinical safety: the hazard log (docs/clinical-safety/hazard-log.md)', () => {
  it('parses into hazards H-01… and controls C-01…, each id once', () => {
    expect(hazards.length).toBeGreaterThanOrEqual(REQUIRED_HAZARDS.length);
    expect(controls.length).toBeGreaterThan(0);
    for (const list of [hazards.map((h) => h.id), controls.map((c) => c.id)]) {
      expect(new Set(list).size).toBe(list.length);
    }
  });

  it.each(REQUIRED_HAZARDS)('covers the hazard the issue lists: %s', (_name, pattern) => {
    expect(hazards.filter((h) => pattern.test(h.hazard)).map((h) => h.id)).toHaveLength(1);
  });

  it('gives every hazard a cause, an effect and controls, and every control a hazard it belongs to', () => {
    const controlIds = new Set(controls.map((c) => c.id));
    for (const h of hazards) {
      expect(h.cause.length, h.id).toBeGreaterThan(10);
      expect(h.effect.length, h.id).toBeGreaterThan(10);
      expect(h.controls.length, h.id).toBeGreaterThan(0);
      for (const c of h.controls) expect(controlIds.has(c), `${h.id} names unknown ${c}`).toBe(true);
    }
    for (const c of controls) {
      const listedBy = hazards.filter((h) => h.controls.includes(c.id)).map((h) => h.id);
      expect(listedBy.sort(), c.id).toEqual([...c.hazards].sort());
    }
  });

  it('rates every risk by the DCB0129 matrix, and no control raises a risk', () => {
    for (const h of hazards) {
      for (const value of [h.severity, h.likelihood, h.residualSeverity, h.residualLikelihood]) {
        expect(value, h.id).toBeGreaterThanOrEqual(1);
        expect(value, h.id).toBeLessThanOrEqual(5);
      }
      expect(h.risk, `${h.id} initial`).toBe(riskOf(h.severity, h.likelihood));
      expect(h.residualRisk, `${h.id} residual`).toBe(riskOf(h.residualSeverity, h.residualLikelihood));
      expect(h.residualRisk, h.id).toBeLessThanOrEqual(h.risk);
      expect(h.residualRisk, `${h.id}: 4 and 5 are not acceptable for release`).toBeLessThanOrEqual(3);
    }
  });

  it('links every control in place to at least one test, and no planned control to any', () => {
    for (const c of controls) {
      expect(['in place', 'planned'], c.id).toContain(c.status);
      if (c.status === 'planned') expect(c.tests, c.id).toEqual([]);
      else expect(c.tests.length, c.id).toBeGreaterThan(0);
    }
  });

  it('fails when a linked test no longer exists: every file is there and declares a test of that exact name', () => {
    const missing: string[] = [];
    for (const c of controls) {
      for (const link of c.tests) {
        const source = sourceOf(link.file);
        if (source === undefined || !declaresTest(source, link.name))
          missing.push(`${c.id}: ${link.file} › ${link.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('keeps a hazard whose controls are partly planned at a residual risk above the lowest', () => {
    const planned = new Set(controls.filter((c) => c.status === 'planned').map((c) => c.id));
    for (const h of hazards.filter((x) => x.controls.some((c) => planned.has(c)))) {
      expect(h.residualRisk, h.id).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('clinical safety: the link checker itself', () => {
  const source = [
    "it('plain name', () => {});",
    'test("double quoted", () => {});',
    "it.each([1, 2])('table %s', () => {});",
    "it.skip('skipped one', () => {});",
    "it.todo('to do');",
    "describe('a describe block', () => {});",
  ].join('\n');

  it.each([
    ['plain name', true],
    ['double quoted', true],
    ['table %s', true],
    ['skipped one', false],
    ['to do', false],
    ['a describe block', false],
    ['plain', false],
  ] as const)('%s → %s', (name, expected) => {
    expect(declaresTest(source, name)).toBe(expected);
  });
});
