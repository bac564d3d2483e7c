/**
 * A structured, PHI-free log sink: event names with ids, codes, counts and durations only. Never resources, free
 * text, patient ids or tokens.
 */
export type CdsLogger = (event: string, fields: Readonly<Record<string, string | number | boolean>>) => void;

export const silentLogger: CdsLogger = () => undefined;
