import { parseArgs } from 'node:util';
import { z } from 'zod';
import { IssueType, OperationOutcomeError } from '../shared/index.ts';

/** A usage error: one line on stderr, exit code 2. */
export function usageError(diagnostics: string): OperationOutcomeError {
  return OperationOutcomeError.of(400, { code: IssueType.invalid, reason: 'extract-usage', diagnostics });
}

const integerFlag = (min: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'expected a whole number')
    .transform(Number)
    .refine((n) => n >= min, `expected a whole number ≥ ${min}`);

export const disclosureFlags = {
  'redact-at-or-below': integerFlag(0).default(7),
  'round-to': integerFlag(1).default(5),
};

export const monthFlag = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM');

type FlagSpec = Record<string, { type: 'string' | 'boolean' }>;

/** node:util parseArgs, strict, with its errors reduced to one line. */
export function parseFlags(args: readonly string[], options: FlagSpec, allowPositionals: boolean) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown) throw usageError(`unknown option ${unknown[1]} (try --help)`);
    throw usageError(message.split('. ')[0] ?? 'invalid arguments');
  }
}

/** Validates parsed flags with a zod schema; the first problem becomes the one-line message. */
export function validateFlags<S extends z.ZodType>(schema: S, values: unknown): z.infer<S> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const flag = issue?.path[0] === undefined ? '' : `--${String(issue.path[0])}: `;
  throw usageError(`${flag}${issue?.message ?? 'invalid arguments'}`);
}

/** Turns a failure into an exit code with one line on stderr: 2 for bad input, 1 for anything at run time. */
export function reportFailure(command: string, error: unknown, writeError: (line: string) => void): number {
  if (error instanceof OperationOutcomeError) {
    const text = (error.outcome.issue[0]?.diagnostics ?? error.message).replace(/\s+/g, ' ');
    writeError(`safe-enquiry ${command}: ${text}`);
    return error.status < 500 ? 2 : 1;
  }
  const name = error instanceof Error ? error.name : 'error';
  writeError(`safe-enquiry ${command}: failed unexpectedly (${name})`);
  return 1;
}
