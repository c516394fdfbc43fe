import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { assembleViewer } from '../../../viewer/assembleViewer';
import {
  executePublish,
  invalidationPaths,
  listRemoteObjects,
  planPublish,
  PublishInputError,
  type PublishProgress,
} from './index';
import { startLocalS3, type LocalS3 } from './testing/startLocalS3';

// Every test talks to a real S3-compatible server (s3rver) on loopback.
let s3: LocalS3;
let workDir: string;

beforeEach(async () => {
  s3 = await startLocalS3();
  workDir = await mkdtemp(join(tmpdir(), 'publish-test-'));
});
afterEach(async () => {
  await s3.close();
  await rm(workDir, { recursive: true, force: true });
});

const build: Record<string, string | Buffer> = {
  'index.html': '<!doctype html><script src="/app.bundle.0f6159c501addfe9.js"></script>',
  'app-config.js': 'window.config = { routerBasename: "/" };',
  'app.bundle.0f6159c501addfe9.js': 'console.log("app")',
  '0ddf166f7a343eda.wasm': randomBytes(4096),
  'plugins/mode.3f2a9c01d4e5b6a7.js': 'export default {}',
  '3760.css': 'body{}',
  'assets/big.png': randomBytes(1_500_000),
};

async function writeBuild(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

async function publish(localDir: string, progress: PublishProgress[] = []) {
  const remoteObjects = await listRemoteObjects({ s3Client: s3.s3Client, bucket: s3.bucket });
  const plan = await planPublish({ localDir, remoteObjects });
  const result = await executePublish(plan, {
    s3Client: s3.s3Client,
    bucket: s3.bucket,
    onProgress: event => progress.push(event),
  });
  return { plan, result };
}

async function bucketKeys(): Promise<string[]> {
  const listing = await s3.s3Client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
  return (listing.Contents ?? []).map(object => object.Key ?? '').sort();
}

async function head(key: string) {
  return s3.s3Client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }));
}

test('a first publish uploads every file with its content type and cache policy, byte-identical', async () => {
  await writeBuild(workDir, build);
  const progress: PublishProgress[] = [];
  const { plan, result } = await publish(workDir, progress);

  expect(plan.uploads.map(file => file.reason)).toEqual(Array(7).fill('new'));
  expect(result).toEqual({ uploaded: 7, uploadedBytes: plan.uploadBytes, deleted: 0 });
  expect(await bucketKeys()).toEqual(Object.keys(build).sort());
  expect(progress.at(-1)).toMatchObject({ phase: 'upload', done: 7, total: 7, bytesDone: plan.uploadBytes });

  const immutable = 'public, max-age=31536000, immutable';
  const expected: Array<[string, string, string]> = [
    ['index.html', 'text/html; charset=utf-8', 'no-cache'],
    ['app-config.js', 'text/javascript; charset=utf-8', 'no-cache'],
    ['app.bundle.0f6159c501addfe9.js', 'text/javascript; charset=utf-8', immutable],
    ['0ddf166f7a343eda.wasm', 'application/wasm', immutable],
    ['plugins/mode.3f2a9c01d4e5b6a7.js', 'text/javascript; charset=utf-8', immutable],
    ['3760.css', 'text/css; charset=utf-8', 'no-cache'],
    ['assets/big.png', 'image/png', 'no-cache'],
  ];
  for (const [key, contentType, cacheControl] of expected) {
    const object = await head(key);
    expect({ key, contentType: object.ContentType, cacheControl: object.CacheControl }).toEqual({
      key,
      contentType,
      cacheControl,
    });
  }
  for (const key of ['assets/big.png', '0ddf166f7a343eda.wasm', 'index.html']) {
    const object = await s3.s3Client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    const bytes = Buffer.from(await object.Body!.transformToByteArray());
    expect(bytes.equals(Buffer.from(build[key]!))).toBe(true);
  }
});

test('publishing the same build again uploads and deletes nothing', async () => {
  await writeBuild(workDir, build);
  await publish(workDir);
  const { plan, result } = await publish(workDir);
  expect(plan.uploads).toEqual([]);
  expect(plan.deletes).toEqual([]);
  expect(plan.unchanged).toHaveLength(7);
  expect(result).toEqual({ uploaded: 0, uploadedBytes: 0, deleted: 0 });
  expect(invalidationPaths(plan)).toEqual([]);
});

test('a publish stopped part-way is resumed by the next run: only what is missing is uploaded', async () => {
  await writeBuild(workDir, build);
  const plan = await planPublish({
    localDir: workDir,
    remoteObjects: await listRemoteObjects({ s3Client: s3.s3Client, bucket: s3.bucket }),
  });
  // The connection drops after three uploads, as when the deploy is stopped with Ctrl-C.
  let uploads = 0;
  const dropping = {
    send: (command: unknown) => {
      if (command instanceof PutObjectCommand && ++uploads > 3) return Promise.reject(new Error('socket hang up'));
      return s3.s3Client.send(command as PutObjectCommand);
    },
  } as unknown as typeof s3.s3Client;
  await expect(executePublish(plan, { s3Client: dropping, bucket: s3.bucket, concurrency: 1 })).rejects.toThrow(
    /socket hang up/,
  );
  expect(await bucketKeys()).toHaveLength(3);
  const { plan: resumed, result } = await publish(workDir);
  expect(resumed.unchanged).toHaveLength(3);
  expect(result.uploaded).toBe(Object.keys(build).length - 3);
  expect(await bucketKeys()).toEqual(Object.keys(build).sort());
});

test('a one-file change uploads only that file and invalidates only its path', async () => {
  await writeBuild(workDir, build);
  await publish(workDir);
  await writeFile(join(workDir, 'app-config.js'), 'window.config = { routerBasename: "/viewer" };');
  const { plan } = await publish(workDir);
  expect(plan.uploads.map(file => [file.key, file.reason])).toEqual([['app-config.js', 'changed']]);
  expect(invalidationPaths(plan)).toEqual(['/app-config.js']);
  const object = await s3.s3Client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: 'app-config.js' }));
  expect(await object.Body!.transformToString()).toContain('/viewer');
});

test('stale objects are deleted after the new files are uploaded', async () => {
  await writeBuild(workDir, build);
  await publish(workDir);
  const next = await mkdtemp(join(tmpdir(), 'publish-next-'));
  try {
    const { 'app.bundle.0f6159c501addfe9.js': _old, '3760.css': _css, ...kept } = build;
    await writeBuild(next, {
      ...kept,
      'index.html': '<script src="/app.bundle.aaaabbbbccccdddd.js"></script>',
      'app.bundle.aaaabbbbccccdddd.js': 'new',
    });
    const progress: PublishProgress[] = [];
    const { plan, result } = await publish(next, progress);
    expect(plan.deletes).toEqual(['3760.css', 'app.bundle.0f6159c501addfe9.js']);
    expect(result.deleted).toBe(2);
    // Every upload is reported before the first delete.
    const firstDelete = progress.findIndex(event => event.phase === 'delete');
    expect(progress.slice(0, firstDelete).every(event => event.phase === 'upload')).toBe(true);
    expect(progress.slice(0, firstDelete)).toHaveLength(plan.uploads.length);
    expect(await bucketKeys()).toEqual(
      Object.keys({ ...kept, 'index.html': '', 'app.bundle.aaaabbbbccccdddd.js': '' }).sort(),
    );
    // The new hashed bundle needs no invalidation; index.html and the deleted unhashed css do.
    expect(invalidationPaths(plan)).toEqual(['/', '/3760.css', '/index.html']);
  } finally {
    await rm(next, { recursive: true, force: true });
  }
});

test('an object uploaded by another tool (no sha256 metadata) is compared by its ETag', async () => {
  await writeBuild(workDir, build);
  await s3.s3Client.send(
    new PutObjectCommand({
      Bucket: s3.bucket,
      Key: 'index.html',
      Body: Buffer.from(build['index.html'] as string),
      ContentType: 'text/html; charset=utf-8',
      CacheControl: 'no-cache',
    }),
  );
  const remoteObjects = await listRemoteObjects({ s3Client: s3.s3Client, bucket: s3.bucket });
  expect(remoteObjects[0]?.sha256).toBeUndefined();
  const plan = await planPublish({ localDir: workDir, remoteObjects });
  expect(plan.unchanged).toEqual(['index.html']);
});

test('a file whose cache policy changed is uploaded again although its content is the same', async () => {
  await writeBuild(workDir, build);
  await publish(workDir);
  const remoteObjects = (await listRemoteObjects({ s3Client: s3.s3Client, bucket: s3.bucket })).map(object =>
    object.key === '3760.css' ? { ...object, cacheControl: 'max-age=60' } : object,
  );
  const plan = await planPublish({ localDir: workDir, remoteObjects });
  expect(plan.uploads.map(file => [file.key, file.reason])).toEqual([['3760.css', 'metadata']]);
});

test('planning alone (dry run) writes nothing to the bucket', async () => {
  await writeBuild(workDir, build);
  const plan = await planPublish({
    localDir: workDir,
    remoteObjects: await listRemoteObjects({ s3Client: s3.s3Client, bucket: s3.bucket }),
  });
  expect(plan.uploads).toHaveLength(7);
  expect(await bucketKeys()).toEqual([]);
});

test('the assembleViewer manifest is used, and is itself never uploaded', async () => {
  const ohifDist = join(workDir, 'ohif-dist');
  const plugin = join(workDir, 'mode-bundle.js');
  await writeBuild(ohifDist, {
    'index.html': '<!doctype html>',
    'app-config.js': 'stock',
    'app.bundle.0f6159c501addfe9.js': 'x',
    'sw.js': 'omitted',
  });
  await writeFile(plugin, 'export default { id: "mode" }');
  const outDir = join(workDir, 'viewer');
  const manifest = await assembleViewer({
    ohifDist,
    outDir,
    plugins: [{ name: 'mode', file: plugin }],
    appConfigJs: urls => `window.config = ${JSON.stringify(urls)};`,
  });

  const plan = await planPublish({ localDir: outDir, manifest, remoteObjects: [] });
  const keys = plan.uploads.map(file => file.key);
  expect(keys).toEqual(manifest.files.map(file => file.path));
  expect(keys).not.toContain('.viewer-manifest.json');
  expect(keys).not.toContain('sw.js');
  const pluginKey = manifest.pluginUrls.mode!.slice(1);
  expect(plan.uploads.find(file => file.key === pluginKey)?.cacheControl).toBe('public, max-age=31536000, immutable');
});

test('a folder without index.html is refused before anything is compared or deleted', async () => {
  await writeBuild(workDir, { 'app-config.js': 'x' });
  await expect(planPublish({ localDir: workDir, remoteObjects: [{ key: 'index.html', bytes: 1 }] })).rejects.toThrow(
    PublishInputError,
  );
  await expect(planPublish({ localDir: workDir, remoteObjects: [] })).rejects.toThrow(/no index.html/);
});

test('more changed unhashed files than the limit collapse to one wildcard invalidation', async () => {
  const many = Object.fromEntries(
    Array.from({ length: 20 }, (_, index) => [`assets/icon-${index}.png`, `png ${index}`]),
  );
  await writeBuild(workDir, { ...build, ...many });
  const plan = await planPublish({ localDir: workDir, remoteObjects: [] });
  expect(invalidationPaths(plan)).toEqual(['/*']);
  expect(invalidationPaths(plan, { maxPaths: 100 })).toHaveLength(25); // 20 icons, index.html and /, app-config.js, 3760.css, big.png
});
