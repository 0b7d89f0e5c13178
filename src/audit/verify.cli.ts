#!/usr/bin/env node
/**
 * Verifies every stream against its chain, head row and transparency-log leaves, and every witnessed checkpoint:
 *   npm run audit:verify -- [--prefix case-] [--json]
 * (script: `nest build && node dist/src/audit/verify.cli.js`; see --help).
 */
import { runCli } from '../common/run-cli';
import { runVerifyCommand } from './integrity/verify-command';

runCli('audit:verify', runVerifyCommand);
