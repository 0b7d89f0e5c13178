#!/usr/bin/env node
/** npm run audit:key -- [--file FILE] | --generate FILE   (see --help) */
import { runKeyCommand } from './key-command';

runKeyCommand(process.argv.slice(2), {
  env: process.env,
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
})
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`audit:key failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
