/**
 * Reads docs/clinical-safety/hazard-log.md: the hazard table (rows `| H-nn | … |`) and the control table (rows
 * `| C-nn | … |`), with each control's evidence as `` `test/….test.ts › test name` `` links.
 */

export interface TestLink {
  readonly file: string;
  readonly name: string;
}

export interface HazardRow {
  readonly id: string;
  readonly hazard: string;
  readonly cause: string;
  readonly effect: string;
  readonly controls: readonly string[];
  readonly severity: number;
  readonly likelihood: number;
  readonly risk: number;
  readonly residualSeverity: number;
  readonly residualLikelihood: number;
  readonly residualRisk: number;
}

export interface ControlRow {
  readonly id: string;
  readonly hazards: readonly string[];
  readonly control: string;
  readonly status: string;
  readonly tests: readonly TestLink[];
}

const LINK = /`(test\/[^`]+?\.test\.ts) › ([^`]+)`/g;

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());
}

function ids(text: string, prefix: 'H' | 'C'): string[] {
  return [...text.matchAll(new RegExp(`\\b${prefix}-\\d{2}\\b`, 'g'))].map((m) => m[0]);
}

function integer(text: string | undefined, where: string): number {
  const value = Number(text);
  if (!Number.isInteger(value)) throw new Error(`${where}: '${text}' is not a whole number`);
  return value;
}

function hazardOf(c: string[]): HazardRow {
  const [id = '', hazard = '', cause = '', effect = '', controls = '', s, l, r, rs, rl, rr] = c;
  if (c.length !== 11) throw new Error(`${id}: expected 11 columns, found ${c.length}`);
  return {
    id,
    hazard,
    cause,
    effect,
    controls: ids(controls, 'C'),
    severity: integer(s, `${id} severity`),
    likelihood: integer(l, `${id} likelihood`),
    risk: integer(r, `${id} risk`),
    residualSeverity: integer(rs, `${id} residual severity`),
    residualLikelihood: integer(rl, `${id} residual likelihood`),
    residualRisk: integer(rr, `${id} residual risk`),
  };
}

function controlOf(c: string[]): ControlRow {
  const [id = '', hazards = '', control = '', status = '', evidence = ''] = c;
  if (c.length !== 5) throw new Error(`${id}: expected 5 columns, found ${c.length}`);
  const tests = [...evidence.matchAll(LINK)].map((m) => ({ file: m[1] ?? '', name: m[2] ?? '' }));
  return { id, hazards: ids(hazards, 'H'), control, status: status.toLowerCase(), tests };
}

/** Parses the two tables; throws on a malformed row rather than skipping it. */
export function parseHazardLog(markdown: string): { hazards: HazardRow[]; controls: ControlRow[] } {
  const hazards: HazardRow[] = [];
  const controls: ControlRow[] = [];
  for (const line of markdown.split('\n')) {
    if (/^\|\s*H-\d{2}\s*\|/.test(line)) hazards.push(hazardOf(cells(line)));
    if (/^\|\s*C-\d{2}\s*\|/.test(line)) controls.push(controlOf(cells(line)));
  }
  return { hazards, controls };
}

/**
 * The DCB0129/DCB0160 risk matrix: rows are likelihood 1 (very low) … 5 (very high), columns severity 1 (minor) …
 * 5 (catastrophic); 1 acceptable … 5 unacceptable.
 */
export const RISK_MATRIX: readonly (readonly number[])[] = [
  [1, 1, 2, 2, 3],
  [1, 2, 2, 3, 4],
  [2, 2, 3, 3, 4],
  [2, 3, 3, 4, 5],
  [3, 4, 4, 5, 5],
];

export function riskOf(severity: number, likelihood: number): number | undefined {
  return RISK_MATRIX[likelihood - 1]?.[severity - 1];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * True when the source declares a test with exactly this name: `it('name'`, `test("name"`, `` it(`name` `` or the
 * name of an `it.each(...)(…)` table; never a skipped (`.skip`) or `.todo` one.
 */
export function declaresTest(source: string, name: string): boolean {
  const quoted = ["'", '"', '`'].map((q) => `${q}${escapeRegExp(name)}${q}`).join('|');
  const opener = String.raw`(?:\b(?:it|test)(?:\.concurrent|\.sequential)?\s*\(\s*|\b(?:it|test)\.each\b[\s\S]*?\)\s*\(\s*)`;
  return new RegExp(`${opener}(?:${quoted})`).test(source);
}
