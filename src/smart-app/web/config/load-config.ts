import { type AppConfig, appConfigSchema } from '../../shared/index.ts';

/** Where the app is served (vite.config.ts `base`, createSmartAppRouter's mount point). */
export const APP_BASE = '/app/';

/** The runtime configuration from the server that served the app. */
export async function loadConfig(): Promise<AppConfig> {
  const response = await fetch(`${APP_BASE}config.json`, { cache: 'no-store', credentials: 'omit' });
  if (!response.ok) throw new Error('config unavailable');
  return appConfigSchema.parse(await response.json());
}
