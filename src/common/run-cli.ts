import { messageOf } from './error-message';
/** What a CLI command sees of the process: tests pass their own. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  out(text: string): void;
  err(text: string): void;
}

/**
 * Runs a CLI command against the real process: its exit code becomes the
 * process's, and anything it throws is one line on stderr with exit code 2.
 */
export function runCli(name: string, command: (argv: string[], io: CliIo) => Promise<number>): void {
  command(process.argv.slice(2), {
    env: process.env,
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      process.stderr.write(`${name} failed: ${messageOf(error)}\n`);
      process.exitCode = 2;
    });
}
