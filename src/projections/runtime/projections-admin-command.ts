/**
 * The command behind `npm run projections:admin -- status | retry NAME | skip NAME --event ID --reason "..."`
 * (see ADMIN_HELP; the CLI is src/projections/projections-admin.cli.ts). It works in an application
 * context opened as the rebuild command opens it (projections not running in this process) and acts on
 * the checkpoint rows; the instance that runs the projection picks the change up by itself.
 */
import 'reflect-metadata';
import { userInfo } from 'node:os';
import { ADMIN_HELP, parseAdminArgs } from './admin-args';
import { readCheckpoints } from './checkpoints';
import { PROJECTION_EVENT_SKIPPED, retryBlockedEvent, skipBlockedEvent } from './projection-admin';
import type { Output, RebuildContext } from './rebuild-command';
import { messageOf } from '../../common/error-message';

export type AdminContext = Pick<RebuildContext, 'projections' | 'dataSource' | 'store' | 'close'>;

const defaultActor = (): string => {
  try {
    return `os:${userInfo().username}`;
  } catch {
    return 'os:unknown';
  }
};

/** The CLI without process globals: tests pass their own context and sinks. Returns the exit code. */
export async function runAdminCommand(
  argv: string[],
  openContext: () => Promise<AdminContext>,
  io: Output,
  actorOf: () => string = defaultActor,
): Promise<number> {
  const command = parseAdminArgs(argv);
  if (command.kind === 'help') {
    io.out(ADMIN_HELP);
    return 0;
  }
  if (command.kind === 'error') {
    io.err.write(`${command.message}\n\n${ADMIN_HELP}\n`);
    return 2;
  }
  const context = await openContext();
  try {
    const known = context.projections.map((p) => p.name);
    if (command.kind === 'status') {
      const checkpoints = await readCheckpoints(context.dataSource, known);
      for (const name of known) {
        const checkpoint = checkpoints.get(name);
        const blocked = checkpoint?.blocked;
        const at = `position ${checkpoint?.position ?? 0n}`;
        io.out(
          blocked
            ? `${name}: BLOCKED at ${at}, before event ${blocked.eventId} (position ${blocked.position}, stream ${blocked.streamId}, type ${blocked.type}) since ${blocked.since.toISOString()}: ${blocked.error}`
            : `${name}: ok at ${at}${checkpoint?.lastError ? ` (last error: ${checkpoint.lastError})` : ''}`,
        );
      }
      return 0;
    }
    if (!known.includes(command.name)) {
      io.err.write(`unknown projection: ${command.name} (known: ${known.join(', ') || 'none'})\n`);
      return 2;
    }
    switch (command.kind) {
      case 'retry': {
        if (!(await retryBlockedEvent(context, command.name))) {
          io.err.write(`${command.name} is not blocked: nothing to retry\n`);
          return 1;
        }
        io.out(`${command.name}: block cleared; the running instance applies the event again (and blocks again if it still fails)`);
        return 0;
      }
      case 'skip': {
        const outcome = await skipBlockedEvent(context, {
          projection: command.name,
          eventId: command.eventId,
          reason: command.reason,
          actor: command.actor ?? actorOf(),
        });
        switch (outcome.kind) {
          case 'not-blocked':
            io.err.write(`${command.name} is not blocked: nothing to skip\n`);
            return 1;
          case 'other-event':
            io.err.write(`${command.name} is blocked at event ${outcome.blocked.eventId}, not ${command.eventId}: nothing skipped\n`);
            return 1;
          case 'skipped':
            io.out(
              `${command.name}: skipped event ${outcome.record.eventId} (position ${outcome.record.position}); recorded as ${PROJECTION_EVENT_SKIPPED} at position ${outcome.recordedAt} by ${outcome.record.actor}`,
            );
            return 0;
          default: {
            const unexpected: never = outcome;
            throw new Error(`unexpected outcome ${JSON.stringify(unexpected)}`);
          }
        }
      }
      default: {
        const unexpected: never = command;
        throw new Error(`unexpected command ${JSON.stringify(unexpected)}`);
      }
    }
  } catch (error) {
    io.err.write(`projections:admin failed: ${messageOf(error)}\n`);
    return 1;
  } finally {
    await context.close();
  }
}
