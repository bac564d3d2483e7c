import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_STATE_FILE, isPostgresUrl, openStateStore } from '../state/index.ts';
import { terminology } from '../terminology/index.ts';
import { formatPilotReport, type ReportFormat } from './pilot-report.format.ts';

const USAGE = `usage: safe-enquiry pilot-report [--database <postgres://… | file>] [--from YYYY-MM] [--to YYYY-MM] [--format table|csv|json]

Prints CDS prompts shown, accepted and overridden by rule, override reason and month, from the state database
(default: DATABASE_URL, else ${path.join('data', DEFAULT_STATE_FILE)}).`;

export interface ReportIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

interface ReportArgs {
  readonly database: string;
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly format: ReportFormat;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function parseReportArgs(args: readonly string[], io: ReportIo): ReportArgs | string {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        database: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (err) {
    return err instanceof Error ? err.message : 'invalid arguments';
  }
  if (values.help) return 'help';
  const problems: string[] = [];
  const from = typeof values.from === 'string' ? values.from : undefined;
  const to = typeof values.to === 'string' ? values.to : undefined;
  const format = typeof values.format === 'string' ? values.format : 'table';
  if (from !== undefined && !MONTH.test(from)) problems.push('--from must be YYYY-MM');
  if (to !== undefined && !MONTH.test(to)) problems.push('--to must be YYYY-MM');
  if (!['table', 'csv', 'json'].includes(format)) problems.push('--format must be table, csv or json');
  if (problems.length > 0) return problems.join('; ');
  const database =
    (typeof values.database === 'string' ? values.database : undefined) ??
    io.env.DATABASE_URL ??
    path.join(io.cwd, io.env.SANDBOX_DATA ?? 'data', DEFAULT_STATE_FILE);
  return { database, from, to, format: format as ReportFormat };
}

/** The command with its I/O injected (tests); `run` binds it to the process. */
export async function runPilotReport(args: readonly string[], io: ReportIo): Promise<number> {
  const parsed = parseReportArgs(args, io);
  if (parsed === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (typeof parsed === 'string') {
    io.err(`safe-enquiry pilot-report: ${parsed}\n${USAGE}`);
    return 2;
  }
  if (!isPostgresUrl(parsed.database) && !existsSync(parsed.database)) {
    io.err(`safe-enquiry pilot-report: no state database at ${parsed.database}`);
    return 1;
  }
  const store = await openStateStore(parsed.database);
  try {
    const rows = await store.pilotReport({
      ...(parsed.from ? { fromMonth: parsed.from } : {}),
      ...(parsed.to ? { toMonth: parsed.to } : {}),
    });
    io.out(formatPilotReport(rows, parsed.format, terminology));
    return 0;
  } catch (err) {
    io.err(`safe-enquiry pilot-report: the report failed (${err instanceof Error ? err.name : 'error'})`);
    return 1;
  } finally {
    await store.close();
  }
}

/** `npx safe-enquiry pilot-report …` */
export async function run(args: readonly string[]): Promise<number> {
  return runPilotReport(args, {
    env: process.env,
    cwd: process.cwd(),
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
}
