/**
 * The composition root of the projections' CLIs: runs a runtime command
 * (rebuild-command.ts, projections-admin-command.ts) in an application context of
 * the service's own AppModule, projections not running in this process, and
 * turns its outcome into the process's exit code.
 */
import 'reflect-metadata';
import { AppModule } from '../app.module';
import { ConfigError } from '../config/config';
import { openAppContext, type Output, type RebuildContext } from './runtime/rebuild-command';
import { messageOf } from '../common/error-message';

export type ContextCommand = (argv: string[], openContext: () => Promise<RebuildContext>, io: Output) => Promise<number>;

export function runInAppContext(command: ContextCommand, failure: string): void {
  command(process.argv.slice(2), () => openAppContext((options) => AppModule.forRoot(options)), {
    out: (line) => console.log(line),
    err: process.stderr,
  })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      const message = messageOf(error);
      process.stderr.write(`${error instanceof ConfigError ? message : `${failure}: ${message}`}\n`);
      process.exitCode = 1;
    });
}
