// Runs before `npm start` and `npm test`: on a fresh clone (or after package-lock.json changed) it installs the
// dependencies, so that the quick start is just those two commands. Plain Node: nothing is installed yet.
const { execFileSync } = require('child_process');
const { existsSync, statSync } = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const installedLock = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');

if (!existsSync(installedLock) || statSync(installedLock).mtimeMs < statSync(lock).mtimeMs) {
  console.info('Installing dependencies (npm ci)...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}
