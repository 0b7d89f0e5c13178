#!/usr/bin/env node
/** npm run audit:checkpoint -- [--wait-ms N]   (see --help) */
import { runCli } from '../common/run-cli';
import { runCheckpointCommand } from './checkpoint-command';

runCli('audit:checkpoint', runCheckpointCommand);
