// Builds one of our packages as an ES module that the prebuilt OHIF viewer imports at run time from a URL
// listed in its app-config. Such a module gets nothing from its host but what OHIF hands it, so a bundled copy
// of React, @ohif/core, cornerstone or dicomweb-client would be a second, broken singleton: importing one fails
// the build (see `forbiddenImports`), and a test reads the built bundle to make sure none slipped in.
const path = require('path');
const zlib = require('zlib');

const forbiddenImports = /^(react|react-dom|@ohif\/|@cornerstonejs\/|dicomweb-client|dcmjs)(\/|$)/;

class PrintGzipSizePlugin {
  apply(compiler) {
    compiler.hooks.afterEmit.tap('PrintGzipSizePlugin', compilation => {
      for (const asset of compilation.getAssets()) {
        if (!asset.name.endsWith('.js')) continue;
        const source = require('fs').readFileSync(path.join(compilation.outputOptions.path, asset.name));
        const gzip = zlib.gzipSync(source, { level: 9 }).length;
        console.info(`${asset.name}: ${(source.length / 1024).toFixed(1)} KiB, ${(gzip / 1024).toFixed(1)} KiB gzip`);
      }
    });
  }
}

// The bundle goes where the package's `exports["./runtime"]` says, outside `dist/`: OHIF 3.12 copies a linked
// package's whole `dist/` into its build output, which would ship the bundle unused inside a checkout build.
module.exports = function webpackRuntimeBundle(packageDir) {
  const packageJson = require(path.join(packageDir, 'package.json'));
  const bundle = path.join(packageDir, packageJson.exports['./runtime']);
  return {
    mode: 'production',
    target: ['web', 'es2020'],
    entry: path.join(packageDir, 'src/index.ts'),
    experiments: { outputModule: true },
    output: {
      path: path.dirname(bundle),
      filename: path.basename(bundle),
      library: { type: 'module' },
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.json'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: 'babel-loader', options: { rootMode: 'upward' } },
        },
      ],
    },
    externals: [
      ({ request }, callback) => {
        if (request && forbiddenImports.test(request)) {
          return callback(new Error(`${packageJson.name} must not bundle "${request}": the OHIF host owns it`));
        }
        return callback();
      },
    ],
    devtool: 'source-map',
    performance: { hints: false },
    stats: 'errors-warnings',
    plugins: [new PrintGzipSizePlugin()],
  };
};
