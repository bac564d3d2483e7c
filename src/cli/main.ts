/**
 * `npx safe-enquiry <command>`: the command-line composition root.
 * Commands register here as they are built; an unknown command exits 2 with a one-line message.
 */
type Command = (args: readonly string[]) => Promise<number>;

const commands: Record<string, { readonly summary: string; readonly load: () => Promise<Command> }> = {};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(14)} ${c.summary}`);
  return ['usage: safe-enquiry <command> [options]', '', 'commands:', ...lines].join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    console.log(usage());
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
