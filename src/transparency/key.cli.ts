#!/usr/bin/env node
/** npm run audit:key -- [--file FILE] | --generate FILE   (see --help) */
import { runCli } from '../common/run-cli';
import { runKeyCommand } from './key-command';

runCli('audit:key', runKeyCommand);
