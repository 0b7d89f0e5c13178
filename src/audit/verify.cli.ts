#!/usr/bin/env node
/**
 * Verifies the hash chain of every stream in the event store:
 *   npm run audit:verify -- [--prefix case-] [--json]
 * (script: `nest build && node dist/src/audit/verify.cli.js`; see --help).
 */
import { runVerifyCommand } from './integrity/verify-command';

runVerifyCommand(process.argv.slice(2), {
  env: process.env,
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
})
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`audit:verify failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
