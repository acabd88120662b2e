export { type TestQueueBackend, queueBackends } from './queue-backends';
export {
  adminDatabaseUrl,
  createTestDatabase,
  databaseUrl,
  setUpTestRun,
  tearDownTestRun,
  type TestDatabase,
  testEnv,
} from './test-environment';
export { clearQueueBackend, eventually, startTestContext, testRuntime } from './test-runtime';
export {
  type ClaimdeskApp,
  eventuallyWithOutput,
  freePort,
  runCli,
  type RunningProcess,
  startProcess,
  waitForHttp,
} from './processes';
export { rejectionOf } from './domain-errors';
export {
  type FixtureArticle,
  fixtureArticle,
  fixtureArticleHtml,
  fixtureBombInflatedBytes,
  fixtureHostile,
  fixtureHostilePayloads,
  type FixturePage,
  fixturePdfText,
  fixturePdfTitle,
  fixturePlainText,
  type FixtureSite,
  startFixtureSite,
} from './fixture-site';
