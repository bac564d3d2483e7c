export { APP_BASE, loadConfig } from './load-config.ts';
