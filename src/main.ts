// First: the tracing SDK (when OTEL_* turns it on) must patch http, express and pg before they load.
import { stopTracing } from './tracing';
import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { ConfigError, loadConfig, withCommandLine } from './config/config';
import { resolveDatabase } from './database/database-url';
import { configureHttp } from './http-setup';
import { seedDemo } from './demo/start-demo';
import { messageOf } from './common/error-message';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig(withCommandLine(process.env, process.argv.slice(2)));
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const levels = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  const logger = new ConsoleLogger('Main', {
    json: config.logJson,
    logLevels: [...levels.slice(0, levels.indexOf(config.logLevel) + 1)],
  });
  if (config.simulatedClockStart)
    logger.warn({ msg: 'SIMULATED clock: not real time', startsAt: config.simulatedClockStart.toISOString() });
  if (config.jwtSecretIsDefault) logger.warn('JWT_SECRET is not set: using the development secret (never in production)');

  const database = await resolveDatabase(config, (line) => logger.log(line));
  const app = await NestFactory.create(AppModule.forRoot({ config, databaseUrl: database.url }), { logger, bufferLogs: true });
  configureHttp(app, { bodyLimitBytes: config.bodyLimitBytes });

  // Graceful shutdown: stop taking requests, let modules finish and close their
  // pools (projections commit or roll back whole batches), then stop PostgreSQL.
  let closing = false;
  const shutdown = async (signal: string, exitCode = 0) => {
    if (closing) return;
    closing = true;
    logger.log({ msg: 'shutting down', signal });
    try {
      await app.close();
      await database.embedded?.stop();
      await stopTracing();
    } finally {
      process.exit(exitCode);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen(config.port);
  logger.log({
    msg: 'listening',
    port: config.port,
    docs: `http://localhost:${config.port}/docs`,
    eventStore: config.eventStoreUrl ? 'eventstoredb' : 'postgresql',
  });
  if (config.demo && !(await seedDemo(app, config, logger))) await shutdown('demo seeding failed', 1);
}

void bootstrap().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', msg: 'start failed', error: messageOf(error) }));
  process.exit(1);
});
