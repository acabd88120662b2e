// Jest runs this once before all tests, untransformed: build dist/ (the e2e
// specs start the real processes from it), then prepare the test databases.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

module.exports = async () => {
  const root = path.resolve(__dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build.js')], { cwd: root, stdio: 'ignore' });
  // Unit specs run from the sources: put the check-worthiness model the build
  // just trained beside its loader there too (gitignored), whole or not at all.
  const model = 'libs/extraction/src/check-worthiness/model.json';
  const partial = path.join(root, `${model}.${process.pid}.tmp`);
  fs.copyFileSync(path.join(root, 'dist', model), partial);
  fs.renameSync(partial, path.join(root, model));
  const { setUpTestRun } = require(path.join(root, 'dist/libs/testing/src/index.js'));
  await setUpTestRun();
};
