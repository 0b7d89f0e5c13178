/**
 * The rebuild command behind `npm run projections:rebuild -- [NAME ...]` (see REBUILD_HELP).
 * It builds an application context from the root module it is given (the CLI,
 * src/projections/rebuild.cli.ts, gives the service's AppModule) on DATABASE_URL
 * or the embedded PostgreSQL, with projections not running, and rebuilds through
 * rebuildProjections() (shadow tables, swapped in at the end). The runtime never
 * names the composition root itself (.dependency-cruiser.cjs).
 */
import 'reflect-metadata';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '../../config/config';
import { resolveDatabase } from '../../database/database-url';
import { runningEmbeddedServer } from '../../database/running-embedded-server';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { CountEvents, countByReading, countInPostgresLog } from './event-count';
import type { Projection } from './projection';
import { parseRebuildArgs, REBUILD_HELP } from './rebuild-args';
import { ProgressReporter, ProgressSink } from './rebuild-progress';
import { rebuildProjections } from './rebuilder';
import { describeRoom, diskRoomForRebuild, FreeBytes, freeBytesOf } from './disk-room';
import { PROJECTIONS, READ_MODELS_DATA_SOURCE } from './tokens';
import { messageOf } from '../../common/error-message';

export interface RebuildContext {
  projections: Projection[];
  dataSource: DataSource;
  store: EventStore;
  databaseUrl: string;
  countEvents: CountEvents;
  /** The free space of a directory's file system (tests give their own; default statfs). */
  freeBytes?: FreeBytes;
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
    if (!command.skipDiskCheck) {
      const room = await diskRoomForRebuild(
        context.dataSource,
        chosen.flatMap((p) => p.tables),
        context.databaseUrl,
        context.freeBytes ?? freeBytesOf,
      );
      io.err.write(`${describeRoom(room)}\n`);
      if (room.kind === 'short') return 1;
    }
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
    io.err.write(`rebuild failed: ${messageOf(error)}\nthe live read models and their checkpoints are unchanged\n`);
    return 1;
  } finally {
    await context.close();
  }
}

/** What a root module is built from (AppModuleOptions has this shape). */
export interface RootModuleOptions {
  config: AppConfig;
  databaseUrl: string;
}

/** The root module the CLI boots: the service's own composition root (tests give their own). */
export type RootModuleFactory = (options: RootModuleOptions) => Type<unknown> | DynamicModule;

/** The application context of `root`, projections not running (this process only rebuilds or administers). */
export async function openAppContext(root: RootModuleFactory, env: NodeJS.ProcessEnv = process.env): Promise<RebuildContext> {
  const config = loadConfig(env);
  const database = (await runningEmbeddedServer(config)) ?? (await resolveDatabase(config, (line) => process.stderr.write(`${line}\n`)));
  const app = await NestFactory.createApplicationContext(
    root({ config: { ...config, projectionsEnabled: false }, databaseUrl: database.url }),
    {
      logger: ['error', 'warn'],
      // A failure to start (the database unreachable, say) reaches the command's caller, which reports it in one line.
      abortOnError: false,
    },
  ).catch(async (error: unknown) => {
    await database.embedded?.stop();
    throw error;
  });
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
    throw new Error(`ProjectionsModule is not wired into the root module (${messageOf(error)})`, { cause: error });
  }
}
