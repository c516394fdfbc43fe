// One babel configuration for our TypeScript sources: jest compiles them for the Node it runs on; webpack (our
// runtime bundles) and an OHIF host build (our packages as plugins) compile them for browsers with ES modules.
module.exports = api => {
  const forTests = api.env('test');
  return {
    presets: [
      [
        '@babel/preset-env',
        forTests ? { targets: { node: 'current' } } : { targets: 'defaults and supports es6-module', modules: false },
      ],
      ['@babel/preset-typescript', { allowDeclareFields: true }],
    ],
  };
};
