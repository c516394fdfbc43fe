import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { localAppConfigValues, renderAppConfig } from 'ohif-healthimaging-platform-config';
import { executePublish, invalidationPaths, listRemoteObjects, planPublish } from '../aws/scripts/publish';
import { startLocalS3 } from '../aws/scripts/publish/testing/startLocalS3';
import { runtimeBundles } from '../local/stack/runtimeBundles';
import { assembleViewer, fetchOhifApp } from '../viewer';

export interface BundleSize {
  /** Path relative to the repository, e.g. `extension/runtime/ohif-extension-aws-healthimaging.js`. */
  file: string;
  bytes: number;
  /** gzip at zlib's default level (what `gzip` does without flags). */
  gzipBytes: number;
}

export interface DeployUpload {
  case: string;
  filesUploaded: number;
  bytesUploaded: number;
  filesDeleted: number;
  /** CloudFront paths the deploy would invalidate. */
  invalidations: string[];
}

export interface Footprint {
  bundles: BundleSize[];
  deploys: DeployUpload[];
}

/** The runtime bundles the viewer loads (`.js` files of `extension/runtime` and `mode/runtime`), raw and gzipped. */
export async function measureBundles(repositoryRoot: string): Promise<BundleSize[]> {
  const sizes: BundleSize[] = [];
  for (const folder of ['extension/runtime', 'mode/runtime']) {
    for (const name of (await readdir(join(repositoryRoot, folder))).filter(entry => entry.endsWith('.js')).sort()) {
      const content = await readFile(join(repositoryRoot, folder, name));
      sizes.push({ file: `${folder}/${name}`, bytes: content.length, gzipBytes: gzipSync(content).length });
    }
  }
  return sizes;
}

/**
 * What a deploy uploads, with the real publish planner and uploader against a local S3 server (s3rver): the first
 * publish of our assembled viewer, the same build again, and a build after a one-line change to the extension (a
 * new bundle hash, hence also a new app-config that names it).
 */
export async function measureDeployUploads(
  repositoryRoot: string,
  log: (line: string) => void,
): Promise<DeployUpload[]> {
  const s3 = await startLocalS3();
  const workDir = await mkdtemp(join(tmpdir(), 'bench-publish-'));
  try {
    const ohifDist = await fetchOhifApp({ log });
    const [extension, mode] = runtimeBundles(repositoryRoot) as [
      { name: string; file: string },
      { name: string; file: string },
    ];
    const changedExtension = join(workDir, 'extension.js');
    await copyFile(extension.file, changedExtension);
    const outDir = join(workDir, 'viewer');
    const assemble = (extensionFile: string) =>
      assembleViewer({
        ohifDist,
        outDir,
        plugins: [{ name: 'extension', file: extensionFile }, mode],
        appConfigJs: pluginUrls =>
          renderAppConfig(
            localAppConfigValues({
              oidcPort: 5001,
              dicomwebPort: 5002,
              datastoreId: '10ca1da7a5e0d1c0b0e00000000000a1',
              pluginUrls,
            }),
          ),
      });
    const publish = async (label: string) => {
      const manifest = await assemble(label === 'one-file change (extension)' ? changedExtension : extension.file);
      const remoteObjects = await listRemoteObjects({ s3Client: s3.s3Client, bucket: s3.bucket });
      const plan = await planPublish({ localDir: outDir, manifest, remoteObjects });
      const result = await executePublish(plan, { s3Client: s3.s3Client, bucket: s3.bucket });
      return {
        case: label,
        filesUploaded: result.uploaded,
        bytesUploaded: result.uploadedBytes,
        filesDeleted: result.deleted,
        invalidations: invalidationPaths(plan),
      };
    };
    const first = await publish('first deploy');
    const unchanged = await publish('unchanged build');
    await writeFile(changedExtension, `${await readFile(extension.file, 'utf8')}\n// one-line change\n`);
    const changed = await publish('one-file change (extension)');
    log(`footprint: published ${relative(repositoryRoot, extension.file)} three times to a local S3 server`);
    return [first, unchanged, changed];
  } finally {
    await s3.close();
    await rm(workDir, { recursive: true, force: true });
  }
}
