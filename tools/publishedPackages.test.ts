import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// What `npm publish` would ship of each workspace package that is not private: its sources, never its tests or
// the helpers only tests use (they start servers, sign tokens and need the repository around them).
const root = join(__dirname, '..');
const workspaces = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] })
  .workspaces;
const published = workspaces.filter(
  dir => !(JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { private?: boolean }).private,
);

function packedFiles(dir: string): string[] {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: join(root, dir),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return (JSON.parse(output) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map(({ path }) => path);
}

describe('the published packages', () => {
  it('are the extension, the mode and the packages the extension depends on', () => {
    expect(published.sort()).toEqual(['contract', 'extension', 'mode', 'retry', 'validation']);
  });

  it.each(published)('%s ships its sources and no test file or test helper', dir => {
    const files = packedFiles(dir);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'src/index.ts']));
    expect(files.filter(path => /\.test\.[jt]sx?$|(^|\/)testing\//.test(path))).toEqual([]);
  });
});
