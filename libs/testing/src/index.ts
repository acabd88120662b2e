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
  ProcessGroup,
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
export {
  aClaim,
  aJobRun,
  aPrincipal,
  aSource,
  aUser,
  builtUserPassword,
  type RecordingJobRun,
  uniqueWord,
  type UserInput,
} from './builders';
export { useTestContext, type TestContext, type TestContextOptions } from './test-context';
export { ManualRelay, ManualRelayModule } from './manual-relay';
export { openSqlProbe, type SqlProbe } from './sql-probe';
