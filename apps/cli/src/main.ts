import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import pino from 'pino';
import type { AppConfig } from '@claimdesk/config';
import { createRootLogger, PinoNestLogger, withCorrelationId } from '@claimdesk/observability';
import { openDatabaseServer } from '@claimdesk/persistence';
import { loadConfigOrExit, migrate, RuntimeModule } from '@claimdesk/runtime';
import { SystemModule, SystemService } from '@claimdesk/system';

/** A command's failure that the user can fix: printed as one line, exit code 2. */
class UsageError extends Error {}

const usage = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                 apply pending database migrations
  ping [--timeout S]      send a system.ping job through the outbox and wait for a worker to answer
`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
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
      throw new UsageError(`unknown command "${command}"\n\n${usage}`);
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

async function runMigrate(args: string[], { config, logger }: CliContext): Promise<void> {
  parse(args, {});
  const server = await openDatabaseServer(config, (message) => logger.info(message));
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

  const database = await openDatabaseServer(config, (message) => logger.info(message));
  try {
    await migrate(database.url, logger);
    const app = await NestFactory.createApplicationContext(
      RuntimeModule.forRoot({ role: 'cli', config, logger, database }, [SystemModule]),
      { logger: new PinoNestLogger(logger) },
    );
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

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`error: ${(error as Error).message ?? String(error)}\n`);
    process.exit(1);
  },
);
