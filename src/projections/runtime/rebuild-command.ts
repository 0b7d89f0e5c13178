#!/usr/bin/env node
/**
 * npm run projections:rebuild -- [NAME ...]   (see REBUILD_HELP)
 * Builds the application context exactly as the service does (AppModule with
 * DATABASE_URL or the embedded PostgreSQL), with projections not running, and
 * rebuilds through rebuildProjections() (shadow tables, swapped in at the end).
 */
import 'reflect-metadata';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { AppModule, AppModuleOptions } from '../../app.module';
import { Client } from 'pg';
import { AppConfig, ConfigError, loadConfig } from '../../config/config';
import { resolveDatabase, ResolvedDatabase } from '../../database/database-url';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { CountEvents, countByReading, countInPostgresLog } from './event-count';
import type { Projection } from './projection';
import { parseRebuildArgs, REBUILD_HELP } from './rebuild-args';
import { ProgressReporter, ProgressSink } from './rebuild-progress';
import { rebuildProjections } from './rebuilder';
import { PROJECTIONS, READ_MODELS_DATA_SOURCE } from './tokens';

export interface RebuildContext {
  projections: Projection[];
  dataSource: DataSource;
  store: EventStore;
  databaseUrl: string;
  countEvents: CountEvents;
  close(): Promise<void>;
}

export interface Output {
  out: (line: string) => void;
  err: ProgressSink;
}

/** The CLI without process globals: tests pass their own context and sinks. Returns the exit code. */
export async function runRebuildCommand(argv: string[], openContext: () => Promise<RebuildContext>, io: Output): Promise<number> {
  const command = parseRebuildArgs(argv);
  if (command.kind === 'help') {
    io.out(REBUILD_HELP);
    return 0;
  }
  if (command.kind === 'error') {
    io.err.write(`${command.message}\n\n${REBUILD_HELP}\n`);
    return 2;
  }
  const context = await openContext();
  try {
    const known = context.projections.map((p) => p.name);
    if (command.kind === 'list') {
      io.out(known.join('\n'));
      return 0;
    }
    const unknown = command.names.filter((n) => !known.includes(n));
    if (unknown.length > 0) {
      io.err.write(`unknown projection${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (known: ${known.join(', ') || 'none'})\n`);
      return 2;
    }
    const chosen = command.names.length > 0 ? context.projections.filter((p) => command.names.includes(p.name)) : context.projections;
    // One pass over the log feeds every chosen projection.
    const reporter = new ProgressReporter(chosen.map((p) => p.name).join(', '), io.err);
    let last = { done: 0, total: 0 };
    const result = await rebuildProjections({
      projections: chosen,
      dataSource: context.dataSource,
      store: context.store,
      lockUrl: context.databaseUrl,
      countEvents: context.countEvents,
      batchSize: command.batchSize,
      lockWaitMs: command.waitSeconds * 1000,
      onProgress: (done, total) => {
        last = { done, total };
        reporter.update(done, total);
      },
      log: (line) => io.err.write(`${line}\n`),
    });
    reporter.finish(last.done, last.total);
    const seconds = (result.elapsedMs / 1000).toFixed(1);
    for (const projection of chosen) {
      io.out(
        `${projection.name}: rebuilt from ${result.applied[projection.name]} events up to position ${result.position} in ${seconds} s`,
      );
    }
    return 0;
  } catch (error) {
    // Nothing is swapped in before the last step, and that step is one transaction.
    io.err.write(`rebuild failed: ${(error as Error).message}\nthe live read models and their checkpoints are unchanged\n`);
    return 1;
  } finally {
    await context.close();
  }
}

/**
 * Without DATABASE_URL the service runs on its embedded PostgreSQL; when that
 * server is already up (the service is running) the CLI joins it instead of
 * starting a second one on the same data directory, which would fail.
 * The URL is the one startEmbeddedPostgres() + ensureDatabase('services') give.
 */
export async function runningEmbeddedServer(config: AppConfig): Promise<ResolvedDatabase | undefined> {
  if (config.databaseUrl) return undefined;
  const url = `postgres://postgres:postgres@127.0.0.1:${config.embeddedPort}/services`;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return { url };
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The root module the CLI boots: the service's own composition root (tests add modules around it). */
export type RootModuleFactory = (options: AppModuleOptions) => Type<unknown> | DynamicModule;

/** The service's own composition root, projections not running (this process only rebuilds). */
export async function openAppContext(
  env: NodeJS.ProcessEnv = process.env,
  root: RootModuleFactory = (o) => AppModule.forRoot(o),
): Promise<RebuildContext> {
  const config = loadConfig(env);
  const database = (await runningEmbeddedServer(config)) ?? (await resolveDatabase(config, (line) => process.stderr.write(`${line}\n`)));
  const app = await NestFactory.createApplicationContext(
    root({ config: { ...config, projectionsEnabled: false }, databaseUrl: database.url }),
    {
      logger: ['error', 'warn'],
    },
  );
  const close = async () => {
    await app.close();
    await database.embedded?.stop();
  };
  try {
    const dataSource = app.get<DataSource>(READ_MODELS_DATA_SOURCE);
    const store = app.get<EventStore>(EVENT_STORE);
    return {
      projections: app.get<Projection[]>(PROJECTIONS),
      dataSource,
      store,
      databaseUrl: database.url,
      countEvents: config.eventStoreUrl ? countByReading(store) : countInPostgresLog(dataSource),
      close,
    };
  } catch (error) {
    await close();
    throw new Error(`ProjectionsModule is not wired into AppModule (${(error as Error).message})`, { cause: error });
  }
}

if (require.main === module) {
  runRebuildCommand(process.argv.slice(2), () => openAppContext(), { out: (line) => console.log(line), err: process.stderr })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof ConfigError ? error.message : `rebuild failed: ${(error as Error).message}`}\n`);
      process.exitCode = 1;
    });
}
