#!/usr/bin/env node
/**
 * npm run projections:rebuild -- [NAME ...]   (see REBUILD_HELP)
 * A composition root: the rebuild command (runtime/rebuild-command.ts) over the
 * service's own AppModule, so the read models are rebuilt exactly as the service
 * builds them.
 */
import 'reflect-metadata';
import { AppModule } from '../app.module';
import { ConfigError } from '../config/config';
import { openAppContext, runRebuildCommand } from './runtime/rebuild-command';

runRebuildCommand(process.argv.slice(2), () => openAppContext((options) => AppModule.forRoot(options)), {
  out: (line) => console.log(line),
  err: process.stderr,
})
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : `rebuild failed: ${error instanceof Error ? error.message : String(error)}`}\n`,
    );
    process.exitCode = 1;
  });
