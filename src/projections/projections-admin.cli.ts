#!/usr/bin/env node
/**
 * npm run projections:admin -- status | retry NAME | skip NAME --event ID --reason "..."   (see ADMIN_HELP)
 * The admin command (runtime/projections-admin-command.ts) over the service's
 * own AppModule, projections not running in this process.
 */
import { runInAppContext } from './app-context-cli';
import { runAdminCommand } from './runtime/projections-admin-command';

runInAppContext(runAdminCommand, 'projections:admin failed');
