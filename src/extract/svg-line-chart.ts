import { type ControlledCount, REDACTED } from './disclosure-control.ts';
import { escapeHtml } from './html-escape.ts';

const WIDTH = 720;
const HEIGHT = 260;
const MARGIN = { top: 16, right: 40, bottom: 40, left: 48 } as const;
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
const MAX_X_LABELS = 12;

export interface ChartPoint {
  readonly month: string;
  readonly count: ControlledCount;
}

export interface ChartText {
  /** Unique within the page, used for aria-labelledby. */
  readonly id: string;
  readonly title: string;
  readonly redactedLabel: string;
}

/** A round axis maximum ≥ `max` (at least 20) with 4 steps of 1, 2 or 5 × 10^k. */
export function niceAxisMax(max: number): number {
  const rawStep = Math.max(max, 20) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rawStep));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rawStep) ?? rawStep;
  return step * 4;
}

function xOf(index: number, count: number): number {
  return MARGIN.left + (count <= 1 ? PLOT_W / 2 : (index * PLOT_W) / (count - 1));
}

function yOf(value: number, axisMax: number): number {
  return MARGIN.top + PLOT_H - (value / axisMax) * PLOT_H;
}

function axes(points: readonly ChartPoint[], axisMax: number): string {
  const ticks = [0, 1, 2, 3, 4].map((i) => {
    const value = (axisMax * i) / 4;
    const y = yOf(value, axisMax).toFixed(1);
    return `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y}" y2="${y}" class="grid"/><text x="${MARGIN.left - 6}" y="${y}" class="ylabel">${value}</text>`;
  });
  const every = Math.max(1, Math.ceil(points.length / MAX_X_LABELS));
  const labels = points
    .map((p, i) => ({ p, i }))
    .filter(({ i }) => i % every === 0)
    .map(
      ({ p, i }) =>
        `<text x="${xOf(i, points.length).toFixed(1)}" y="${HEIGHT - 14}" class="xlabel">${p.month}</text>`,
    );
  return [...ticks, ...labels].join('');
}

function lineSegments(points: readonly ChartPoint[], axisMax: number): string {
  const segments: string[][] = [[]];
  points.forEach((p, i) => {
    if (p.count === REDACTED) segments.push([]);
    else
      segments[segments.length - 1]?.push(
        `${xOf(i, points.length).toFixed(1)},${yOf(p.count, axisMax).toFixed(1)}`,
      );
  });
  return segments
    .filter((s) => s.length > 1)
    .map((s) => `<polyline points="${s.join(' ')}" class="line"/>`)
    .join('');
}

function markers(points: readonly ChartPoint[], axisMax: number, redactedLabel: string): string {
  return points
    .map((p, i) => {
      const x = xOf(i, points.length).toFixed(1);
      if (p.count === REDACTED) {
        const y = (MARGIN.top + PLOT_H - 8).toFixed(1);
        return `<rect x="${Number(x) - 4}" y="${Number(y) - 4}" width="8" height="8" class="redacted" transform="rotate(45 ${x} ${y})"><title>${p.month}: ${escapeHtml(redactedLabel)}</title></rect>`;
      }
      const y = yOf(p.count, axisMax).toFixed(1);
      return `<circle cx="${x}" cy="${y}" r="3.5" class="point"><title>${p.month}: ${p.count}</title></circle>`;
    })
    .join('');
}

function describe(points: readonly ChartPoint[], redactedLabel: string): string {
  if (points.length === 0) return 'No months in the period.';
  const shown = points.filter((p): p is { month: string; count: number } => p.count !== REDACTED);
  const redacted = points.length - shown.length;
  const peak = shown.reduce<{ month: string; count: number } | undefined>(
    (best, p) => (best === undefined || p.count > best.count ? p : best),
    undefined,
  );
  const first = points[0]?.month ?? '';
  const last = points[points.length - 1]?.month ?? '';
  const peakText = peak ? ` Highest: ${peak.count} in ${peak.month}.` : '';
  return `Patients per month from ${first} to ${last}.${peakText} ${redacted} month(s) ${redactedLabel}.`;
}

/**
 * A self-contained SVG line chart of one measure over months (no script, no external assets). Redacted months
 * break the line and are marked with a hollow diamond on the baseline. Accessible name from `<title>`, summary in
 * `<desc>`; each point has its own `<title>` tooltip.
 */
export function renderLineChart(points: readonly ChartPoint[], text: ChartText): string {
  const max = Math.max(0, ...points.map((p) => (p.count === REDACTED ? 0 : p.count)));
  const axisMax = niceAxisMax(max);
  const titleId = `${text.id}-title`;
  const descId = `${text.id}-desc`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${titleId} ${descId}" class="chart">`,
    `<title id="${titleId}">${escapeHtml(text.title)}</title>`,
    `<desc id="${descId}">${escapeHtml(describe(points, text.redactedLabel))}</desc>`,
    axes(points, axisMax),
    lineSegments(points, axisMax),
    markers(points, axisMax, text.redactedLabel),
    '</svg>',
  ].join('');
}
