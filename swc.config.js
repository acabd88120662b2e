// One swc configuration for the build (scripts/build.js) and for jest (@swc/jest),
// so tests run the code exactly as it is compiled. Path aliases are rewritten to
// relative requires, which needs an absolute baseUrl.
'use strict';
const { compilerOptions } = require('./tsconfig.json');

const root = __dirname;
const paths = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, targets]) => [alias, targets.map((t) => t.replace(/^\.\//, ''))]),
);

/** @type {import('@swc/core').Options} */
module.exports = {
  root,
  paths,
  options: {
    $schema: 'https://swc.rs/schema.json',
    sourceMaps: true,
    module: { type: 'commonjs', strict: true },
    jsc: {
      target: 'es2023',
      keepClassNames: true,
      baseUrl: root,
      paths,
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
  },
};
