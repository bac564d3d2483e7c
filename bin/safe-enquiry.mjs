#!/usr/bin/env node
// The `safe-enquiry` command: hands over to the CLI composition root. The sources are TypeScript, run by Node's own
// type stripping (Node 24; tsconfig.json sets erasableSyntaxOnly so that every module strips cleanly).
if (!process.features.typescript) {
  process.stderr.write('safe-enquiry: needs Node.js 24 or later (TypeScript type stripping)\n');
  process.exit(2);
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
