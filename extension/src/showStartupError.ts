/**
 * Shows a start-up failure on the page itself. OHIF catches and only logs an error thrown while it registers an
 * extension, which would leave the user a viewer with no data source and no reason; a configuration mistake
 * must instead say, where the user looks, what to fix.
 */
export function showStartupError(document: Document, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const panel = document.createElement('div');
  panel.setAttribute('role', 'alert');
  panel.id = 'healthimaging-startup-error';
  panel.style.cssText =
    'position:fixed;inset:0;z-index:2147483647;display:flex;align-items:center;justify-content:center;' +
    'background:#090c29;color:#fff;font:16px/1.5 system-ui,sans-serif;padding:2rem';
  const box = document.createElement('div');
  box.style.cssText = 'max-width:44rem';
  const title = document.createElement('h1');
  title.style.cssText = 'font-size:1.4rem;margin:0 0 1rem';
  title.textContent = 'The viewer cannot start';
  const detail = document.createElement('p');
  detail.style.cssText = 'margin:0 0 1rem;white-space:pre-wrap';
  detail.textContent = message;
  const hint = document.createElement('p');
  hint.style.cssText = 'margin:0;color:#9ca3af';
  hint.textContent = 'Fix the viewer configuration (app-config.js) and reload the page.';
  box.append(title, detail, hint);
  panel.append(box);
  document.body.append(panel);
}
