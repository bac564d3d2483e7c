import { readSandboxConfig } from './config.ts';
import { createSandbox, listen } from './sandbox.app.ts';

/** `npm start`: the sandbox in one process. The only place that reads env, opens the port and logs. */
function log(event: string, fields: Readonly<Record<string, string | number | boolean>> = {}): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), event, ...fields })}\n`);
}

async function start(): Promise<void> {
  const started = performance.now();
  const config = readSandboxConfig(process.env, process.cwd());
  const sandbox = await createSandbox(config, log);
  const { server, port } = await listen(sandbox.app, config.port, config.host);
  log('sandbox.listening', {
    url: config.publicBaseUrl,
    port,
    seededPatients: sandbox.seededPatients,
    bootMs: Math.round(performance.now() - started),
  });
  console.log(
    `\nSafe Enquiry sandbox ready: ${config.publicBaseUrl}/ehr/  (FHIR ${config.publicBaseUrl}/fhir)\n`,
  );
  const stop = (signal: string): void => {
    log('sandbox.stopping', { signal });
    server.close(() => {
      void sandbox.close().then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

start().catch((err: unknown) => {
  console.error(`sandbox failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
