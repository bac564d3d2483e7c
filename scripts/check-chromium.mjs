// `npm test` includes browser tests that drive Debian's Chromium; fail early and clearly when it is missing.
import { accessSync, constants } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
try {
  accessSync(chromium, constants.X_OK);
} catch {
  console.error(
    `Chromium not found at ${chromium}. Browser tests need it: apt-get install -y chromium (or set CHROMIUM_PATH).`,
  );
  process.exit(1);
}
