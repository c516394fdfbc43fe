import { createHash } from 'node:crypto';

/**
 * Content-Security-Policy sources (`'sha256-<base64>'`) for every inline `<script>` of an HTML page, so that
 * `script-src` can allow exactly those scripts instead of `'unsafe-inline'`. The hash covers the exact text
 * between `<script ...>` and `</script>`, as browsers compute it; scripts with a `src` are skipped.
 * OHIF's index.html has two (it sets `window.PUBLIC_URL` and defines `browserImportFunction`).
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attributes = match[1] ?? '';
    const body = match[2] ?? '';
    if (/\bsrc\s*=/i.test(attributes)) continue;
    const hash = `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
    if (!hashes.includes(hash)) hashes.push(hash);
  }
  return hashes;
}
