import { buildSync } from 'esbuild';
import { AssetHashType, DockerImage, type BundlingOptions } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { dirname, join } from 'node:path';

/** The Node.js version the bundles target; matches the functions' runtime (`nodejs24.x`). */
export const bundleTarget = 'node24';

/**
 * Lambda code built from one TypeScript entry file with esbuild, at synth time, in this process: no Docker and no
 * network, so `cdk synth` works offline. Every dependency (aws-jwt-verify, the AWS SDK client) is bundled, so the
 * function never depends on the SDK version the Lambda runtime happens to ship. The asset is hashed by its output,
 * so a changed dependency changes the asset even when our sources did not.
 */
export function bundledCode(entryFile: string): Code {
  const local = {
    tryBundle(outputDir: string): boolean {
      buildSync({
        entryPoints: [entryFile],
        outfile: join(outputDir, 'index.js'),
        bundle: true,
        platform: 'node',
        target: bundleTarget,
        format: 'cjs',
        minify: true,
        sourcemap: false,
        legalComments: 'none',
        logLevel: 'error',
      });
      return true;
    },
  };
  const bundling: BundlingOptions = {
    local,
    // Never used: `local` always succeeds or throws. CDK requires an image in case local bundling declines.
    image: DockerImage.fromRegistry('unused-local-bundling-only'),
  };
  return Code.fromAsset(dirname(entryFile), {
    assetHashType: AssetHashType.OUTPUT,
    bundling,
  });
}
