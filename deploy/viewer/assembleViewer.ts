import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { cachingFor, type Caching } from './cachePolicy';
import { contentTypeFor } from './contentTypes';
import { AssembleViewerError } from './errors';
import { inlineScriptHashes } from './inlineScriptHashes';
import { omissionRuleFor } from './omittedAssets';

/** One of our runtime ES module bundles (the extension or the mode). */
export interface ViewerPlugin {
  /** Short name used in its URL: lowercase letters, digits and hyphens, e.g. `extension`, `mode`. */
  name: string;
  /** Path of the built `.js` bundle. */
  file: string;
}

export interface AssembleViewerOptions {
  /** The prebuilt OHIF viewer (`fetchOhifApp()`'s result). Read only. */
  ohifDist: string;
  /**
   * Folder to write the viewer to. Created if missing; if it exists it must be empty or an earlier output of
   * `assembleViewer` (recognised by its `.viewer-manifest.json`), which is then replaced entirely.
   */
  outDir: string;
  /** Builds the `app-config.js` text from the plugins' URLs (`{ [name]: '/plugins/<name>.<hash>.js' }`). */
  appConfigJs: (pluginUrls: Record<string, string>) => string;
  /** Our runtime plugins, copied to `plugins/<name>.<contenthash>.js`. */
  plugins: ViewerPlugin[];
}

export interface ViewerFile {
  /** Path relative to the viewer root, `/` separators, e.g. `plugins/mode.3f2a9c01d4e5b6a7.js`. */
  path: string;
  bytes: number;
  /** `immutable` for content-hashed names, `no-cache` (revalidate every time) for the rest. */
  caching: Caching;
  contentType: string;
}

export interface ViewerManifest {
  /** Every file of the assembled viewer, sorted by path. */
  files: ViewerFile[];
  totalBytes: number;
  /** URL path of each plugin by name, as handed to `appConfigJs`. */
  pluginUrls: Record<string, string>;
  /** CSP sources (`'sha256-...'`) for index.html's inline scripts: pass them to `securityHeaders`. */
  scriptHashes: string[];
  /** What of the prebuilt viewer was left out, with the reason (see omittedAssets.ts). */
  omitted: Array<{ path: string; bytes: number; reason: string }>;
}

/** Written into outDir so that a later run may replace the folder and deploy tools can read the file list. */
export const manifestFileName = '.viewer-manifest.json';
/**
 * Written into outDir first and removed when the manifest is written: a folder left by an interrupted run (Ctrl-C
 * during a deploy) is still known as ours, and replaced by the next run instead of blocking it.
 */
export const inProgressMarkerName = '.viewer-assembling';
const pluginNamePattern = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Builds the viewer we serve: the prebuilt OHIF viewer without the assets it never loads for us, our
 * `app-config.js`, and our plugins under content-hashed names (cacheable for a year). Returns the manifest
 * (also written to `<outDir>/.viewer-manifest.json`).
 */
export async function assembleViewer(options: AssembleViewerOptions): Promise<ViewerManifest> {
  const { ohifDist, outDir, appConfigJs, plugins } = options;
  for (const required of ['index.html', 'app-config.js']) {
    if (!existsSync(join(ohifDist, required))) {
      throw new AssembleViewerError(
        'ohifDist',
        `must be the prebuilt OHIF dist folder (fetchOhifApp()); ${required} is missing in ${ohifDist}`,
      );
    }
  }
  if (typeof appConfigJs !== 'function') {
    throw new AssembleViewerError('appConfigJs', 'must be a function (pluginUrls) => app-config.js text');
  }
  await assertPlugins(plugins);
  await prepareOutDir(outDir);

  const omitted: ViewerManifest['omitted'] = [];
  for (const file of await listFiles(ohifDist)) {
    const rule = omissionRuleFor(file);
    const source = join(ohifDist, ...file.split('/'));
    if (rule) {
      omitted.push({ path: file, bytes: (await stat(source)).size, reason: rule.reason });
      continue;
    }
    await copyInto(source, outDir, file);
  }

  const pluginUrls: Record<string, string> = {};
  for (const plugin of plugins) {
    const bytes = await readFile(plugin.file);
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    const path = `plugins/${plugin.name}.${hash}.js`;
    await mkdir(join(outDir, 'plugins'), { recursive: true });
    await writeFile(join(outDir, 'plugins', `${plugin.name}.${hash}.js`), bytes);
    pluginUrls[plugin.name] = `/${path}`;
  }

  const appConfig = appConfigJs({ ...pluginUrls });
  if (typeof appConfig !== 'string' || !appConfig.includes('window.config')) {
    throw new AssembleViewerError('appConfigJs', 'must return the app-config.js text, which sets window.config');
  }
  await writeFile(join(outDir, 'app-config.js'), appConfig);

  const files: ViewerFile[] = [];
  for (const path of await listFiles(outDir)) {
    if (path === manifestFileName || path === inProgressMarkerName) continue;
    files.push({
      path,
      bytes: (await stat(join(outDir, path))).size,
      caching: cachingFor(path),
      contentType: contentTypeFor(path),
    });
  }
  const manifest: ViewerManifest = {
    files,
    totalBytes: files.reduce((sum, file) => sum + file.bytes, 0),
    pluginUrls,
    scriptHashes: inlineScriptHashes(await readFile(join(outDir, 'index.html'), 'utf8')),
    omitted,
  };
  await writeFile(join(outDir, manifestFileName), `${JSON.stringify(manifest, null, 2)}\n`);
  await rm(join(outDir, inProgressMarkerName), { force: true });
  return manifest;
}

async function assertPlugins(plugins: ViewerPlugin[]): Promise<void> {
  if (!Array.isArray(plugins)) {
    throw new AssembleViewerError('plugins', 'must be an array of { name, file }');
  }
  const seen = new Set<string>();
  for (const [index, plugin] of plugins.entries()) {
    if (typeof plugin?.name !== 'string' || !pluginNamePattern.test(plugin.name)) {
      throw new AssembleViewerError(
        `plugins[${index}].name`,
        `must be lowercase letters, digits and hyphens, got ${JSON.stringify(plugin?.name)}`,
      );
    }
    if (seen.has(plugin.name)) {
      throw new AssembleViewerError(`plugins[${index}].name`, `"${plugin.name}" is used twice; names must be unique`);
    }
    seen.add(plugin.name);
    const isFile = typeof plugin.file === 'string' && (await stat(plugin.file).catch(() => undefined))?.isFile();
    if (!isFile || !plugin.file.endsWith('.js')) {
      throw new AssembleViewerError(
        `plugins[${index}].file`,
        `must be an existing .js bundle (build it first: npm run build), got ${JSON.stringify(plugin.file)}`,
      );
    }
  }
}

async function prepareOutDir(outDir: string): Promise<void> {
  if (typeof outDir !== 'string' || outDir === '') {
    throw new AssembleViewerError('outDir', 'must be a folder path');
  }
  const entries = await readdir(outDir).catch(() => undefined);
  if (entries && entries.length > 0) {
    if (!entries.includes(manifestFileName) && !entries.includes(inProgressMarkerName)) {
      throw new AssembleViewerError(
        'outDir',
        `${outDir} is not empty and was not written by assembleViewer; choose an empty or new folder`,
      );
    }
    await rm(outDir, { recursive: true });
  }
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, inProgressMarkerName), 'assembleViewer is writing this folder\n');
}

async function copyInto(source: string, outDir: string, relativePath: string): Promise<void> {
  const target = join(outDir, ...relativePath.split('/'));
  await mkdir(dirname(target), { recursive: true });
  await copyFile(source, target);
}

/** Every file below `root`, as `/`-separated relative paths, sorted. */
async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter(entry => entry.isFile())
    .map(entry => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}
