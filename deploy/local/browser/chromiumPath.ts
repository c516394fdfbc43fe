import { existsSync } from 'node:fs';

/** Debian's chromium, unless `CHROME_PATH` names another Chromium or Chrome binary. */
export function chromiumPath(): string {
  return process.env.CHROME_PATH || '/usr/bin/chromium';
}

export function chromiumInstalled(): boolean {
  return existsSync(chromiumPath());
}
