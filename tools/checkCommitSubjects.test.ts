import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A throwaway repository with the check and the hook copied in, as a clone of this one has them.
const tools = __dirname;
const hook = join(__dirname, '..', '.githooks', 'commit-msg');
let repo: string;

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: 'pipe' });
}

function commit(message: string): { status: number | null; stderr: string } {
  const result = spawnSync('git', ['commit', '--allow-empty', '--cleanup=strip', '-q', '-F', '-'], {
    cwd: repo,
    input: message,
    encoding: 'utf8',
  });
  return { status: result.status, stderr: result.stderr };
}

function check(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(repo, 'tools', 'checkCommitSubjects.js'), ...args], {
    cwd: repo,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const subjectOf = (length: number) => 'x'.repeat(length);

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'commit-subjects-'));
  mkdirSync(join(repo, 'tools'));
  mkdirSync(join(repo, '.githooks'));
  copyFileSync(join(tools, 'checkCommitSubjects.js'), join(repo, 'tools', 'checkCommitSubjects.js'));
  copyFileSync(hook, join(repo, '.githooks', 'commit-msg'));
  git('init', '-q');
  git('config', 'user.name', 'Test');
  git('config', 'user.email', 'test@example.invalid');
  git('commit', '--allow-empty', '-q', '-m', 'base');
  git('tag', 'base');
});

afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('the check of commits since a ref', () => {
  it('passes 71 characters and names each commit of 72 or more, with its length', () => {
    commit(subjectOf(71));
    commit(subjectOf(72));
    commit(`${subjectOf(70)} ünï`);
    const result = check('base');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('commits checked: 3, with a subject too long: 2');
    expect(result.stderr).toContain('subject has 72 characters, at most 71 allowed');
    expect(result.stderr).toContain('subject has 74 characters, at most 71 allowed');
    expect(result.stderr).not.toContain('subject has 71');
  });

  it('passes when every subject keeps the rule', () => {
    commit('A short subject\n\nA body line that is much longer than the subject may be, which is fine for a body.');
    const result = check('base');
    expect(result.stdout).toContain('commits checked: 1, with a subject too long: 0');
    expect(result.status).toBe(0);
  });

  it('says what to fix when the ref is not a commit', () => {
    const result = check('no-such-ref');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('cannot list the commits in no-such-ref..HEAD (is no-such-ref a commit here?)');
  });

  it('prints its usage for wrong arguments', () => {
    expect(check().stderr).toContain('usage: node tools/checkCommitSubjects.js <ref> | --message-file <file>');
    expect(check('--since', 'base').status).toBe(2);
  });
});

describe('the commit-msg hook', () => {
  beforeEach(() => git('config', 'core.hooksPath', '.githooks'));

  it('refuses a subject of 72 characters and keeps the message for editing', () => {
    const result = commit(`${subjectOf(72)}\n\nThe body.`);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('this commit: subject has 72 characters, at most 71 allowed');
    expect(result.stderr).toContain('The message is kept: edit it with  git commit -e -F');
    expect(readFileSync(join(repo, '.git', 'COMMIT_EDITMSG'), 'utf8')).toContain('The body.');
    expect(git('log', '--format=%s')).toBe('base\n');
  });

  it('measures the subject as git shows it: the first paragraph joined, comments left out', () => {
    const message = `# a comment line git strips\n\n${subjectOf(40)}\n${subjectOf(40)}\n\nbody`;
    expect(commit(message).stderr).toContain('subject has 81 characters');
    expect(commit(`# ${subjectOf(100)}\n${subjectOf(71)}\n\n${subjectOf(200)}`).status).toBe(0);
  });

  it('does not count the prefixes that autosquash removes', () => {
    expect(commit(`fixup! squash! ${subjectOf(71)}`).status).toBe(0);
    expect(commit(`fixup! ${subjectOf(72)}`).status).not.toBe(0);
  });
});
