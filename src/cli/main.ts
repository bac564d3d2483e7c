/**
 * `npx safe-enquiry <command>`: the command-line composition root.
 * Each command lives in its capability's folder as a `*.command.ts` exporting `run(args): Promise<number>`;
 * exit codes: 0 success, 1 runtime failure, 2 usage error.
 */
type Command = (args: readonly string[]) => Promise<number>;

interface CommandEntry {
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

const commands: Readonly<Record<string, CommandEntry>> = {
  serve: {
    summary: 'run the CDS Hooks service and SMART app against an external EHR (production mode)',
    load: async () => (await import('../hooks/serve.command.ts')).run,
  },
  extract: {
    summary: 'extract the standardised DVA dataset from FHIR NDJSON or a FHIR server',
    load: async () => (await import('../extract/extract.command.ts')).run,
  },
  merge: {
    summary: 'merge sharded extraction results, then apply disclosure control',
    load: async () => (await import('../extract/merge.command.ts')).run,
  },
  'pilot-report': {
    summary: 'print prompts shown, accepted and overridden by rule, reason and month',
    load: async () => (await import('../hooks/pilot-report.command.ts')).run,
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(14)} ${c.summary}`);
  return ['usage: safe-enquiry <command> [options]', '', 'commands:', ...lines].join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    (name === undefined ? console.error : console.log)(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`safe-enquiry: unknown command '${name}' (try --help)`);
    return 2;
  }
  const run = await command.load();
  return run(rest);
}
