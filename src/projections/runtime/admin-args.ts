import { parseArgs } from 'node:util';
import { messageOf } from '../../common/error-message';

export const ADMIN_HELP = `Usage: npm run projections:admin -- status
       npm run projections:admin -- retry NAME
       npm run projections:admin -- skip NAME --event EVENT_ID --reason "..." [--actor ID]

Looks after projections that are blocked at an event they cannot apply (GET
/projections/status and /health/ready show them). The instance running the
projection notices the change within its lock retry interval (3 s by default)
and carries on; nothing needs restarting.

  status            each projection's checkpoint, and the event a blocked one holds at
  retry NAME        clears the block: the event is applied again (after a fix is
                    deployed); if it still fails the projection blocks again
  skip NAME         records the skip as a ProjectionEventSkipped event in the stream
                    projection-admin-NAME (projection, position, event id, stream,
                    type, error, reason, actor), then moves the checkpoint past that
                    one event; the read model never reflects it (a rebuild would
                    meet it again)
  --event ID        the blocked event's id, as status shows it (a guard against
                    skipping another event than the one looked at)
  --reason TEXT     why the event is skipped (required, recorded)
  --actor ID        who skips (default: the operating-system user)
  --help            this text

The database is DATABASE_URL, or the embedded PostgreSQL when it is unset
(exactly as the service starts).`;

export type AdminCommand =
  | { kind: 'help' }
  | { kind: 'status' }
  | { kind: 'retry'; name: string }
  | { kind: 'skip'; name: string; eventId: string; reason: string; actor: string | undefined }
  | { kind: 'error'; message: string };

const MAX_REASON = 2_000;

export function parseAdminArgs(argv: string[]): AdminCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        event: { type: 'string' },
        reason: { type: 'string' },
        actor: { type: 'string' },
      },
    });
  } catch (error) {
    return { kind: 'error', message: messageOf(error) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const [verb, name, ...rest] = positionals;
  if (rest.length > 0) return { kind: 'error', message: `unexpected argument: ${rest[0]}` };
  const needsName = (): string | undefined => (name && name.trim() !== '' ? name : undefined);
  switch (verb) {
    case undefined:
      return { kind: 'error', message: 'a command is required: status, retry or skip' };
    case 'status':
      if (name !== undefined) return { kind: 'error', message: `unexpected argument: ${name}` };
      return { kind: 'status' };
    case 'retry': {
      const projection = needsName();
      if (!projection) return { kind: 'error', message: 'retry needs the projection name' };
      return { kind: 'retry', name: projection };
    }
    case 'skip': {
      const projection = needsName();
      if (!projection) return { kind: 'error', message: 'skip needs the projection name' };
      const eventId = values.event?.trim();
      if (!eventId) return { kind: 'error', message: 'skip needs --event with the blocked event id' };
      const reason = values.reason?.trim();
      if (!reason) return { kind: 'error', message: 'skip needs --reason' };
      if (reason.length > MAX_REASON) return { kind: 'error', message: `--reason is longer than ${MAX_REASON} characters` };
      const actor = values.actor?.trim();
      if (values.actor !== undefined && !actor) return { kind: 'error', message: '--actor must not be empty' };
      return { kind: 'skip', name: projection, eventId, reason, actor };
    }
    default:
      return { kind: 'error', message: `unknown command: ${verb} (status, retry or skip)` };
  }
}
