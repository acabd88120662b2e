import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pino from 'pino';
import { AccountsModule, AccountsService } from '@claimdesk/accounts';
import type { AppConfig } from '@claimdesk/config';
import { DomainError, predicateOf } from '@claimdesk/errors';
import { type CandidateView, CandidatesModule, ExtractionService } from '@claimdesk/extraction';
import { createRootLogger, PinoNestLogger, withCorrelationId } from '@claimdesk/observability';
import { type DatabaseServer, openDatabaseServer } from '@claimdesk/persistence';
import { loadConfigOrExit, migrate, RuntimeModule } from '@claimdesk/runtime';
import { SourcesModule, SourcesService } from '@claimdesk/sources';
import { SystemModule, SystemService } from '@claimdesk/system';
import { findServiceBeside, notBesideServiceMessage } from './service-beside';

/** A command's failure that the user can fix: printed as one line, exit code 2. */
class UsageError extends Error {}

const usage = `Usage: npm run cli -- <command> [options]

Commands:
  user:create --email E --name N --role submitter|reviewer|editor|admin [--password P]
                          create a user; prints the password when it was generated
  user:deactivate --email E
                          close an account: no login, its web sessions end, its API tokens are revoked
  user:reactivate --email E
                          open a deactivated account again (its revoked tokens stay revoked)
  user:role --email E --role submitter|reviewer|editor|admin
                          give a user another role
  user:reset-password --email E
                          give a user a new generated password, printed once; their web sessions end
  token:create --email E [--name N]
                          create an API token for a user; prints it once, alone on the last line
  import:article --url U | --file F [--title T] [--extract] [--timeout S]
                          register an article as a source and print its id; --file gives its text
                          (its URL is --url, or https://import.invalid/<SHA-256 of the text>);
                          --extract also extracts candidate claims, waits for a worker to do it
                          and prints the best ones
  migrate                 apply pending database migrations
  ping [--timeout S]      send a system.ping job through the outbox and wait for a worker to answer
`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'user:create':
      return runUserCreate(rest, cliContext());
    case 'user:deactivate':
      return runUserDeactivate(rest, cliContext());
    case 'user:reactivate':
      return runUserReactivate(rest, cliContext());
    case 'user:role':
      return runUserRole(rest, cliContext());
    case 'user:reset-password':
      return runUserResetPassword(rest, cliContext());
    case 'token:create':
      return runTokenCreate(rest, cliContext());
    case 'import:article':
      return runImportArticle(rest, cliContext());
    case 'migrate':
      return runMigrate(rest, cliContext());
    case 'ping':
      return runPing(rest, cliContext());
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(usage);
      return;
    default:
      throw new UsageError(`unknown command "${command}" (npm run cli -- help lists the commands)`);
  }
}

interface CliContext {
  config: AppConfig;
  logger: pino.Logger;
}

/**
 * The configuration, and a logger on standard error, so standard output
 * carries only the result. The default `info` level is quieted to `warn` here:
 * an operator command reports its outcome itself.
 */
function cliContext(): CliContext {
  const config = loadConfigOrExit();
  const level = config.logLevel === 'info' ? 'warn' : config.logLevel;
  return { config, logger: createRootLogger(level, pino.destination(2)).child({ role: 'cli' }) };
}

async function runUserCreate(args: string[], context: CliContext): Promise<void> {
  const { email, name, role, password } = parse(args, {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    password: { type: 'string' },
  });
  if (email === undefined || name === undefined || role === undefined) {
    throw new UsageError('user:create needs --email, --name and --role');
  }
  await withAccounts(context, async (accounts) => {
    const user = await accounts.createUser({ email, name, role, ...(password === undefined ? {} : { password }) });
    process.stdout.write(`Created ${user.role} ${user.name} <${user.email}> (${user.id})\n`);
    if (user.generatedPassword !== undefined)
      process.stdout.write(`Password (shown once): ${user.generatedPassword}\n`);
  });
}

async function runUserDeactivate(args: string[], context: CliContext): Promise<void> {
  const { email } = parse(args, { email: { type: 'string' } });
  if (email === undefined) throw new UsageError('user:deactivate needs --email');
  await withAccounts(context, async (accounts) => {
    const { user, changed } = await accounts.deactivateUser(null, { email });
    process.stdout.write(
      changed
        ? `Deactivated ${user.name} <${user.email}>: they cannot log in, and their web sessions and API tokens are refused\n`
        : `${user.name} <${user.email}> was already deactivated\n`,
    );
  });
}

async function runUserReactivate(args: string[], context: CliContext): Promise<void> {
  const { email } = parse(args, { email: { type: 'string' } });
  if (email === undefined) throw new UsageError('user:reactivate needs --email');
  await withAccounts(context, async (accounts) => {
    const { user, changed } = await accounts.reactivateUser(null, { email });
    process.stdout.write(
      changed
        ? `Reactivated ${user.role} ${user.name} <${user.email}>: they can log in again (revoked tokens stay revoked)\n`
        : `${user.name} <${user.email}> is already active\n`,
    );
  });
}

async function runUserRole(args: string[], context: CliContext): Promise<void> {
  const { email, role } = parse(args, { email: { type: 'string' }, role: { type: 'string' } });
  if (email === undefined || role === undefined) throw new UsageError('user:role needs --email and --role');
  await withAccounts(context, async (accounts) => {
    const { user, changed } = await accounts.changeRole(null, { email }, role);
    process.stdout.write(
      changed
        ? `${user.name} <${user.email}> is now ${/^[aeiou]/.test(user.role) ? 'an' : 'a'} ${user.role}\n`
        : `${user.name} <${user.email}> is already ${/^[aeiou]/.test(user.role) ? 'an' : 'a'} ${user.role}\n`,
    );
  });
}

async function runUserResetPassword(args: string[], context: CliContext): Promise<void> {
  const { email } = parse(args, { email: { type: 'string' } });
  if (email === undefined) throw new UsageError('user:reset-password needs --email');
  await withAccounts(context, async (accounts) => {
    const { user, password } = await accounts.resetPassword(null, { email });
    process.stdout.write(`New password for ${user.name} <${user.email}>; their web sessions ended\n`);
    process.stdout.write(`Password (shown once): ${password}\n`);
  });
}

async function runTokenCreate(args: string[], context: CliContext): Promise<void> {
  const { email, name } = parse(args, { email: { type: 'string' }, name: { type: 'string' } });
  if (email === undefined) throw new UsageError('token:create needs --email');
  await withAccounts(context, async (accounts) => {
    const token = await accounts.createToken({ email, ...(name === undefined ? {} : { name }) });
    process.stderr.write(`Token "${token.name}" (${token.id}) created; it is shown once and stored only as a hash:\n`);
    process.stdout.write(`${token.token}\n`);
  });
}

/**
 * The service's database: `DATABASE_URL`, or the embedded one in `DATA_DIR`,
 * attached to when the service runs it. Refuses (exit 2) to create or start
 * one while a service answers on the configured port with another database.
 */
function openDatabase({ config, logger }: CliContext): Promise<DatabaseServer> {
  return openDatabaseServer(config, (message) => logger.info(message), {
    beforeStart: async (action) => {
      const service = await findServiceBeside(config);
      if (service !== undefined) {
        throw new UsageError(notBesideServiceMessage(action, path.resolve(config.dataDir), service));
      }
    },
  });
}

/** The Nest application context of a command, on the opened database, logging to standard error. */
function startApp(
  { config, logger }: CliContext,
  database: DatabaseServer,
  modules: Type[],
): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(
    RuntimeModule.forRoot({ role: 'cli', config, logger, database }, modules),
    { logger: new PinoNestLogger(logger) },
  );
}

/** Runs `work` with the accounts service on the migrated database; domain errors are the user's to fix. */
async function withAccounts(
  { config, logger }: CliContext,
  work: (accounts: AccountsService) => Promise<void>,
): Promise<void> {
  const database = await openDatabase({ config, logger });
  try {
    await migrate(database.url, logger);
    const app = await startApp({ config, logger }, database, [AccountsModule]);
    try {
      await work(app.get(AccountsService));
    } catch (error) {
      throw error instanceof DomainError ? usageErrorOf(error) : error;
    } finally {
      await app.close();
    }
  } finally {
    await database.stop();
  }
}

/** The largest article text accepted, as POST /sources accepts it. */
const maxArticleLength = 1_000_000;
/** Candidates printed after an extraction. */
const printedCandidates = 10;

/**
 * Registers an article as a source, as POST /sources does: by URL (a worker
 * fetches it), or with the text of a file. A source needs an http(s) URL: a
 * file without --url gets `https://import.invalid/<SHA-256 of its text>`
 * (`.invalid` never resolves, and a source given as text is never re-fetched),
 * so importing the same text twice finds the same source.
 */
async function runImportArticle(args: string[], { config, logger }: CliContext): Promise<void> {
  const { url, file, title, extract, timeout } = parse(args, {
    url: { type: 'string' },
    file: { type: 'string' },
    title: { type: 'string' },
    extract: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '120' },
  });
  if (url === undefined && file === undefined) throw new UsageError('import:article needs --url or --file');
  const timeoutSeconds = Number(timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
    throw new UsageError('--timeout must be a positive number of seconds');
  if (title !== undefined && (title.trim() === '' || title.length > 500))
    throw new UsageError('--title must be 1 to 500 characters');
  const text = file === undefined ? undefined : await readArticle(file);
  const address = url ?? `https://import.invalid/${createHash('sha256').update(text!).digest('hex')}`;

  const database = await openDatabase({ config, logger });
  try {
    await migrate(database.url, logger);
    const app = await startApp({ config, logger }, database, [SourcesModule, CandidatesModule]);
    try {
      const { source, created } = await withCorrelationId(`cli-${randomUUID()}`, () =>
        app
          .get(SourcesService)
          .register(null, {
            url: address,
            ...(title === undefined ? {} : { title }),
            ...(text === undefined ? {} : { text }),
            extractClaims: extract,
          })
          .catch((error: unknown) => {
            throw error instanceof DomainError ? usageErrorOf(error) : error;
          }),
      );
      process.stdout.write(`${source.id}\n`);
      process.stderr.write(
        `${created ? 'Registered' : 'Already known:'} source ${source.url} (${source.fetchStatus})\n`,
      );
      if (extract) await printCandidates(app.get(ExtractionService), source.id, timeoutSeconds);
    } finally {
      await app.close();
    }
  } finally {
    await database.stop();
  }
}

async function readArticle(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (text.trim() === '') throw new UsageError(`${file} has no text`);
  if (text.length > maxArticleLength) throw new UsageError(`${file} is longer than ${maxArticleLength} characters`);
  return text;
}

/** Waits for a worker to extract the source's latest snapshot, then prints the best candidates. */
async function printCandidates(extraction: ExtractionService, sourceId: string, timeoutSeconds: number): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const state = await extraction.state(sourceId);
    if (state.status === 'failed') throw new Error(`extraction of source ${sourceId} failed (see its events)`);
    if (state.status === 'done') break;
    if (Date.now() > deadline) {
      throw new UsageError(
        `no worker extracted claims from source ${sourceId} within ${timeoutSeconds} s: is the service or a worker running?`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const page = await extraction.list(sourceId, undefined, printedCandidates);
  process.stdout.write(
    page.items.length === 0
      ? 'No candidate claims found.\n'
      : `Best candidate claims (${page.items.length}${page.nextCursor === null ? '' : ' shown'}):\n`,
  );
  page.items.forEach((candidate, index) => process.stdout.write(describeCandidate(candidate, index + 1)));
}

function describeCandidate(candidate: CandidateView, position: number): string {
  const speaker =
    candidate.speaker === null
      ? 'speaker unknown'
      : candidate.speaker.anonymous
        ? `anonymous: ${candidate.speaker.role ?? 'unnamed source'}`
        : [candidate.speaker.name, candidate.speaker.role].filter(Boolean).join(', ');
  const text = candidate.kind === 'quote' ? `“${candidate.text}”` : candidate.text;
  const matches = candidate.matches.map(
    (match) =>
      `     matches claim ${match.claim.id} (${match.claim.status}${match.claim.ratingName === null ? '' : `, rated ${match.claim.ratingName}`}): ${match.claim.text}\n`,
  );
  return `${String(position).padStart(2)}. [${Math.round(candidate.score * 100)}%] ${candidate.kind}, ${speaker}: ${text}\n${matches.join('')}`;
}

/** A domain error about the input as one line, with the options it names. */
function usageErrorOf(error: DomainError): UsageError {
  const fields = (error.details.errors ?? []).map(
    (problem) => `--${problem.field} ${predicateOf(problem) ?? problem.message}`,
  );
  return new UsageError([error.message, ...fields].join(' '));
}

async function runMigrate(args: string[], { config, logger }: CliContext): Promise<void> {
  parse(args, {});
  const server = await openDatabase({ config, logger });
  try {
    const applied = await migrate(server.url, logger);
    process.stdout.write(
      applied.length === 0
        ? 'The database is up to date.\n'
        : `Applied ${applied.length} migration(s):\n${applied.map((name) => `  ${name}\n`).join('')}`,
    );
  } finally {
    await server.stop();
  }
}

async function runPing(args: string[], { config, logger }: CliContext): Promise<void> {
  const { timeout } = parse(args, { timeout: { type: 'string', default: '30' } });
  const timeoutSeconds = Number(timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
    throw new UsageError('--timeout must be a positive number of seconds');

  const database = await openDatabase({ config, logger });
  try {
    await migrate(database.url, logger);
    const app = await startApp({ config, logger }, database, [SystemModule]);
    try {
      const system = app.get(SystemService);
      const started = Date.now();
      const pingId = await withCorrelationId(`cli-${randomUUID()}`, () => system.requestPing());
      const deadline = started + timeoutSeconds * 1000;
      for (;;) {
        const ping = await system.findPing(pingId);
        if (ping?.processedAt) {
          process.stdout.write(
            `ping ${pingId} answered by a worker on the ${ping.processedOn} backend in ${Date.now() - started} ms\n`,
          );
          return;
        }
        if (Date.now() > deadline) {
          throw new UsageError(
            `no worker answered ping ${pingId} within ${timeoutSeconds} s: is the service or a worker running?`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await app.close();
    }
  } finally {
    await database.stop();
  }
}

function parse<T extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * A failure is one line on standard error: what a script or a person reads
 * first. A message of several lines (the log lines of a database that did not
 * start, say) is joined into that one line; no stack trace is printed.
 */
main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message.trim().replace(/\s*\n\s*/g, ' | ')}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
