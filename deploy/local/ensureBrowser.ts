// Makes sure the browser tests have a Chromium: Debian's package, installed with apt when we are root.
// Test tools that download their own browser cannot work here, so playwright-core drives this one.
import { execFileSync } from 'node:child_process';
import { chromiumInstalled, chromiumPath } from './browser/chromiumPath';

if (!chromiumInstalled()) {
  if (process.env.CHROME_PATH) {
    console.error(`CHROME_PATH is set to ${process.env.CHROME_PATH}, but there is no file there.`);
    process.exit(1);
  }
  if (process.getuid?.() !== 0) {
    console.error('Chromium is missing: run `sudo apt-get install chromium`, or set CHROME_PATH to a Chromium binary.');
    process.exit(1);
  }
  console.info("Installing Debian's chromium for the browser tests (apt-get)...");
  const environment = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env: environment });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: environment });
  if (!chromiumInstalled()) {
    console.error(`apt-get finished, but ${chromiumPath()} is still missing.`);
    process.exit(1);
  }
}
