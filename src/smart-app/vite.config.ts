import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

/**
 * The recording app's browser bundle: `vite build --config src/smart-app/vite.config.ts` writes `dist/app`, which
 * `createSmartAppRouter` serves at `/app/`. No inline script (the CSP forbids it), no module-preload polyfill, and
 * fhirclient's legacy polyfills and Node fallbacks replaced by the browser's own `fetch` and Web Crypto.
 */
export default defineConfig({
  root: here('./web'),
  base: '/app/',
  publicDir: here('./web/public'),
  logLevel: 'warn',
  define: { FHIRCLIENT_PURE: 'true' },
  resolve: {
    alias: {
      'cross-fetch': here('./web/vendor/cross-fetch.shim.ts'),
      'isomorphic-webcrypto': here('./web/vendor/webcrypto.shim.ts'),
      debug: here('./web/vendor/debug.shim.ts'),
    },
  },
  build: {
    outDir: here('../../dist/app'),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 400,
    rollupOptions: {
      // zod ships `@__PURE__` comments Rollup cannot place; the warning is about zod's own build, not ours.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return;
        warn(warning);
      },
    },
  },
});
