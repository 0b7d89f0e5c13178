#!/usr/bin/env node
/**
 * Checks a case's evidence bundle offline (no database, no service):
 *   npm run audit:verify-bundle -- FILE [--key KEY]
 * (script: `nest build && node dist/src/audit/verify-bundle.cli.js`; see --help).
 */
import { runVerifyBundleCommand } from './bundle/verify-bundle-command';
import { messageOf } from '../common/error-message';

try {
  process.exitCode = runVerifyBundleCommand(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
} catch (error: unknown) {
  process.stderr.write(`audit:verify-bundle failed: ${messageOf(error)}\n`);
  process.exitCode = 2;
}
