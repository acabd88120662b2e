// Jest runs this once before all tests, untransformed: build dist/ (the e2e
// specs start the real processes from it), then prepare the test databases.
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async () => {
  const root = path.resolve(__dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build.js')], { cwd: root, stdio: 'ignore' });
  const { setUpTestRun } = require(path.join(root, 'dist/libs/testing/src/index.js'));
  await setUpTestRun();
};
