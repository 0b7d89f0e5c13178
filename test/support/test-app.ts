import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { Clock, CLOCK } from '../../src/common/clock';
import { loadConfig } from '../../src/config/config';
import { configureHttp } from '../../src/http-setup';
import { recordAnswers } from './answer-recorder';

/** Per test file: the notary's key and witness directory, never the working copy's .data/. */
const notaryDir = mkdtempSync(join(tmpdir(), 'kzrs-notary-'));

/**
 * The configuration e2e tests run with: quiet logs, the development JWT secret, a throw-away notary key
 * and witness, and no timed checkpoints (a test that wants them sets NOTARY_CHECKPOINT_INTERVAL_MS).
 */
export const testConfig = (env: NodeJS.ProcessEnv = {}) =>
  loadConfig({
    LOG_JSON: 'false',
    LOG_LEVEL: 'error',
    NOTARY_KEY_FILE: join(notaryDir, 'notary.key'),
    WITNESS_DIR: join(notaryDir, 'witness'),
    NOTARY_CHECKPOINT_INTERVAL_MS: '0',
    ...env,
  });

/**
 * The application exactly as the composition root wires it, with its HTTP
 * setup, on the given database; only the clock may be pinned and ports to the
 * world outside the database replaced.
 */
export async function createTestApp(options: {
  databaseUrl: string;
  clock?: Clock;
  logger?: LoggerService | LogLevel[];
  env?: NodeJS.ProcessEnv;
  /** Ports replaced by test doubles that live outside the database (e.g. the witness directory, the notary's public key). */
  ports?: Array<{ token: symbol; value: unknown }>;
}): Promise<INestApplication> {
  const config = testConfig(options.env);
  let builder = Test.createTestingModule({ imports: [AppModule.forRoot({ config, databaseUrl: options.databaseUrl })] });
  if (options.clock) builder = builder.overrideProvider(CLOCK).useValue(options.clock);
  for (const port of options.ports ?? []) builder = builder.overrideProvider(port.token).useValue(port.value);
  const app = (await builder.compile()).createNestApplication({ logger: options.logger ?? ['error'] });
  if (process.env.CONTRACT_RECORD) recordAnswers(app, process.env.CONTRACT_RECORD);
  configureHttp(app, { bodyLimitBytes: config.bodyLimitBytes });
  await app.init();
  return app;
}
