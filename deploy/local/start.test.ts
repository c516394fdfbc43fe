// `npm start`'s command line, run as npm runs it (tsx), for the answers that come before anything listens.
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { resolve } from 'node:path';

jest.setTimeout(30_000);

const repositoryRoot = resolve(__dirname, '../..');

function runStart(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(resolve(repositoryRoot, 'node_modules/.bin/tsx'), [resolve(__dirname, 'start.ts'), ...args], {
      cwd: repositoryRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', rejectRun);
    child.once('close', code => resolveRun({ code, stdout, stderr }));
  });
}

describe('npm start', () => {
  it('prints the usage for --help and exits 0', async () => {
    const run = await runStart(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npm start -- \[options\]\n/);
    expect(run.stdout).toContain('--access-token-ttl S');
  });

  it('answers a wrong flag with one line naming it and exits 2', async () => {
    const run = await runStart(['--viewer-port', 'abc']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      '--viewer-port (or VIEWER_PORT) must be a port number from 1 to 65535 (0 picks a free one); got "abc" (npm start -- --help lists the options)\n',
    );
    expect((await runStart(['--colour'])).stderr).toBe(
      '--colour is not an option. (npm start -- --help lists the options)\n',
    );
  });

  describe('with a port taken by another program', () => {
    let busy: Server;
    beforeAll(async () => {
      busy = createServer();
      await new Promise<void>(resolveListen => busy.listen(0, '127.0.0.1', resolveListen));
    });
    afterAll(() => new Promise<void>(resolveClose => busy.close(() => resolveClose())));

    it('names the port and the flag to change it, and exits 1', async () => {
      const { port } = busy.address() as AddressInfo;
      const run = await runStart(['--viewer-port', '0', '--oidc-port', String(port), '--dicomweb-port', '0']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        `Port ${port} on 127.0.0.1 (OpenID Connect provider) is in use by another program: stop it, or choose another port with --oidc-port <port>.`,
      );
    });
  });
});
