import { z } from 'zod';

/**
 * zod compiles fast paths with `new Function` when it may; under the app's CSP (no `unsafe-eval`) even its probe is
 * reported as a violation. Imported first by the entry, before anything parses.
 */
z.config({ jitless: true });
