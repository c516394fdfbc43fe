// Checks commit subjects against the project's rule: under 72 characters, so that `git log --oneline`, GitHub's
// commit lists and `git format-patch` file names show them whole. For the team to run by hand before pushing, and
// from the commit-msg hook in .githooks/ (see the README's development section). Not part of `npm test`: the
// history CI clones is already published, and rewriting it is not a test's call. Plain Node, no dependencies.
//
//   node tools/checkCommitSubjects.js <ref>                 every commit in <ref>..HEAD
//   node tools/checkCommitSubjects.js --message-file <file>  one message being written (what the hook passes)
const { execFileSync } = require('child_process');
const { readFileSync } = require('fs');

const maxSubjectLength = 71;
// `git rebase --autosquash` drops these prefixes, so they do not count against the subject they repeat.
const autosquashPrefix = /^((fixup|squash|amend)! )+/;
const usage = 'usage: node tools/checkCommitSubjects.js <ref> | --message-file <file>';

/** The subject as git shows it (%s): the first paragraph, its lines joined by spaces. */
function subjectOfMessage(message) {
  const lines = message.split('\n').filter(line => !line.startsWith('#'));
  const start = lines.findIndex(line => line.trim() !== '');
  if (start === -1) return '';
  const end = lines.findIndex((line, index) => index > start && line.trim() === '');
  return lines
    .slice(start, end === -1 ? undefined : end)
    .map(line => line.trim())
    .join(' ');
}

/** A sentence saying what is wrong with `subject`, or undefined when it keeps the rule. */
function subjectProblem(subject) {
  const length = [...subject.replace(autosquashPrefix, '')].length;
  if (length <= maxSubjectLength) return undefined;
  return `subject has ${length} characters, at most ${maxSubjectLength} allowed: move the detail into the body`;
}

function commitsSince(ref) {
  const range = `${ref}..HEAD`;
  let log;
  try {
    log = execFileSync('git', ['log', '--format=%h%x09%s', range, '--'], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    throw new Error(
      `cannot list the commits in ${range} (is ${ref} a commit here?): ${error.stderr || error.message}`,
      {
        cause: error,
      },
    );
  }
  return log
    .split('\n')
    .filter(line => line !== '')
    .map(line => {
      const tab = line.indexOf('\t');
      return { name: line.slice(0, tab), subject: line.slice(tab + 1) };
    });
}

function main(args) {
  let commits;
  if (args[0] === '--message-file' && args.length === 2) {
    commits = [{ name: 'this commit', subject: subjectOfMessage(readFileSync(args[1], 'utf8')) }];
  } else if (args.length === 1 && !args[0].startsWith('-')) {
    commits = commitsSince(args[0]);
  } else {
    console.error(usage);
    return 2;
  }
  const problems = commits.flatMap(({ name, subject }) => {
    const problem = subjectProblem(subject);
    return problem === undefined ? [] : [`${name}: ${problem}\n  ${subject}`];
  });
  for (const problem of problems) console.error(problem);
  if (args[0] !== '--message-file') {
    console.info(`commits checked: ${commits.length}, with a subject too long: ${problems.length}`);
  }
  return problems.length === 0 ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error.message);
  process.exitCode = 2;
}
