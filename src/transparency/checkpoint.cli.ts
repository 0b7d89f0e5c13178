#!/usr/bin/env node
/** npm run audit:checkpoint -- [--wait-ms N]   (see --help) */
import { runCheckpointCommand } from './checkpoint-command';

runCheckpointCommand(process.argv.slice(2), {
  env: process.env,
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
})
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`audit:checkpoint failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
