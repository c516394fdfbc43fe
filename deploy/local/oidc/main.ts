// Command line of the local OpenID Connect provider, for tests and the local stack's start script:
//   tsx deploy/local/oidc/main.ts --data-dir .data/oidc --resource http://127.0.0.1:5002 \
//     --redirect-uri http://127.0.0.1:3000/callback
// Prints exactly one line on stdout, {"ready":true,"issuer":"..."}, once it listens; stops on SIGINT/SIGTERM.
import { OidcProviderOptionsError } from './errors';
import { parseOidcProviderArguments } from './parseOidcProviderArguments';
import { startOidcProvider } from './startOidcProvider';

async function main(): Promise<void> {
  const provider = await startOidcProvider(parseOidcProviderArguments(process.argv.slice(2)));
  process.stdout.write(`${JSON.stringify({ ready: true, issuer: provider.issuer })}\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    provider.close().then(
      () => process.exit(0),
      error => {
        console.error('OIDC provider: failed to close cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  console.error(error instanceof OidcProviderOptionsError ? error.message : error);
  process.exit(error instanceof OidcProviderOptionsError ? 2 : 1);
});
