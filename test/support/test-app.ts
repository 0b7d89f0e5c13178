import { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { Clock, CLOCK } from '../../src/common/clock';
import { loadConfig } from '../../src/config/config';
import { configureHttp } from '../../src/http-setup';

/** The configuration e2e tests run with (quiet logs, the development JWT secret). */
export const testConfig = () => loadConfig({ LOG_JSON: 'false', LOG_LEVEL: 'error' });

/**
 * The application exactly as the composition root wires it, with its HTTP
 * setup, on the given database; only the clock may be pinned.
 */
export async function createTestApp(options: { databaseUrl: string; clock?: Clock; logger?: LoggerService | LogLevel[] }): Promise<INestApplication> {
  const config = testConfig();
  let builder = Test.createTestingModule({ imports: [AppModule.forRoot({ config, databaseUrl: options.databaseUrl })] });
  if (options.clock) builder = builder.overrideProvider(CLOCK).useValue(options.clock);
  const app = (await builder.compile()).createNestApplication({ logger: options.logger ?? ['error'] });
  configureHttp(app, { bodyLimitBytes: config.bodyLimitBytes });
  await app.init();
  return app;
}
