#!/usr/bin/env node
/**
 * npm run projections:admin -- status | retry NAME | skip NAME --event ID --reason "..."   (see ADMIN_HELP)
 * A composition root: the admin command (runtime/projections-admin-command.ts)
 * over the service's own AppModule, projections not running in this process.
 */
import 'reflect-metadata';
import { AppModule } from '../app.module';
import { ConfigError } from '../config/config';
import { runAdminCommand } from './runtime/projections-admin-command';
import { openAppContext } from './runtime/rebuild-command';

runAdminCommand(process.argv.slice(2), () => openAppContext((options) => AppModule.forRoot(options)), {
  out: (line) => console.log(line),
  err: process.stderr,
})
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : `projections:admin failed: ${error instanceof Error ? error.message : String(error)}`}\n`,
    );
    process.exitCode = 1;
  });
