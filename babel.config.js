// Used by jest here, and by an OHIF host build that compiles our TypeScript sources as plugins.
module.exports = {
  presets: [
    ['@babel/preset-env', { targets: { node: 'current' } }],
    ['@babel/preset-typescript', { allowDeclareFields: true }],
  ],
};
