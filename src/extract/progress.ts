/** Where progress goes: a terminal gets a redrawn bar, anything else a plain line every few seconds. */
export interface ProgressOutput {
  readonly write: (text: string) => unknown;
  readonly isTTY?: boolean;
}

export interface ProgressOptions {
  readonly output: ProgressOutput;
  /** Monotonic milliseconds (injected so tests control time). */
  readonly now: () => number;
  /** Minimum time between redraws: default 100 ms on a terminal, 5 s otherwise. */
  readonly intervalMs?: number;
}

const BAR_WIDTH = 24;

function compact(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/**
 * Progress with rate and ETA. `done`/`total` are work units (bytes of input files, or resources when a server
 * says how many), `resources` is what has been read so far. Cheap to call often: it redraws on a timer.
 */
export class Progress {
  readonly #options: ProgressOptions | undefined;
  readonly #started: number;
  #total: number | undefined;
  #lastDraw: number;
  #done = 0;
  #resources = 0;

  constructor(options?: ProgressOptions) {
    this.#options = options;
    this.#started = options?.now() ?? 0;
    this.#lastDraw = this.#started;
  }

  addTotal(units: number): void {
    this.#total = (this.#total ?? 0) + units;
  }

  update(done: number, resources: number): void {
    this.#done = done;
    this.#resources = resources;
    const options = this.#options;
    if (options === undefined) return;
    const now = options.now();
    const interval = options.intervalMs ?? (options.output.isTTY ? 100 : 5000);
    if (now - this.#lastDraw < interval) return;
    this.#lastDraw = now;
    this.#draw(now, false);
  }

  /** Draws the final line with the total resources read. */
  finish(resources: number): void {
    this.#resources = resources;
    if (this.#options) this.#draw(this.#options.now(), true);
  }

  #draw(now: number, final: boolean): void {
    const output = this.#options?.output;
    if (!output) return;
    const elapsed = Math.max(1e-3, (now - this.#started) / 1000);
    const rate = this.#resources / elapsed;
    const fraction = this.#total ? Math.min(1, this.#done / this.#total) : undefined;
    const eta =
      fraction && fraction > 0 && !final ? ` ETA ${duration((elapsed * (1 - fraction)) / fraction)}` : '';
    const percent = fraction === undefined ? '' : `${Math.floor((final ? 1 : fraction) * 100)}% `;
    const text = `${percent}${compact(this.#resources)} resources ${compact(rate)}/s${final ? ` in ${duration(elapsed)}` : eta}`;
    if (!output.isTTY) {
      output.write(`extract: ${text}\n`);
      return;
    }
    const filled = Math.round((final ? 1 : (fraction ?? 0)) * BAR_WIDTH);
    const bar = fraction === undefined ? '' : `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] `;
    output.write(`\r${bar}${text}\x1b[K${final ? '\n' : ''}`);
  }
}
