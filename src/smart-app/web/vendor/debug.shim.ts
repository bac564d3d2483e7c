/**
 * Stands in for `debug` (vite.config.ts alias): fhirclient's debug logging could print token responses, so the
 * browser bundle has none.
 */
interface Logger {
  (...args: unknown[]): void;
  enabled: boolean;
  extend(namespace: string): Logger;
}

function createLogger(): Logger {
  return Object.assign((..._args: unknown[]) => undefined, {
    enabled: false,
    extend: (_namespace: string) => createLogger(),
  });
}

export default function debug(_namespace: string): Logger {
  return createLogger();
}
