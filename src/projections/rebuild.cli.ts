#!/usr/bin/env node
/**
 * npm run projections:rebuild -- [NAME ...]   (see REBUILD_HELP)
 * The rebuild command (runtime/rebuild-command.ts) over the service's own
 * AppModule, so the read models are rebuilt exactly as the service builds them.
 */
import { runInAppContext } from './app-context-cli';
import { runRebuildCommand } from './runtime/rebuild-command';

runInAppContext(runRebuildCommand, 'rebuild failed');
