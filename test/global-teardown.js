'use strict';
const path = require('node:path');

module.exports = async () => {
  const { tearDownTestRun } = require(path.resolve(__dirname, '../dist/libs/testing/src/index.js'));
  await tearDownTestRun();
};
