import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from './chromiumPath';

/**
 * Headless Chromium (playwright gives every launch a fresh, temporary profile). The networking flags stop
 * Chromium from calling hosts this machine cannot reach (updates, sync, QUIC probes), which would otherwise
 * fill the logs with refused connections.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
