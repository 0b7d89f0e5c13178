#!/usr/bin/env node
/**
 * Issues a bearer token for local use:
 *   npm run token -- --user u-1 --role clerk --org school-12 --region kostanay-oblast
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { REGIONS } from '../regulations/regulation.model';
import { ROLES, Role } from './principal';

const isRole = (value: string): value is Role => ROLES.some((r) => r === value);
import { issueToken } from './tokens';
import { messageOf } from '../common/error-message';

const HELP = `Usage: npm run token -- --user ID --role ROLE [--role ROLE ...] --org ORGANISATION --region REGION [--hours N]

Issues an HS256 bearer token signed with JWT_SECRET (the development secret when unset).
  --user     user id recorded as the actor of every event (required)
  --role     one of: ${ROLES.join(', ')} (required, repeatable)
  --org      organisation id the user works for (required)
  --region   one of: ${REGIONS.join(', ')} (required)
  --hours    lifetime in hours (default 8, or TOKEN_MAX_LIFETIME if shorter; at most TOKEN_MAX_LIFETIME, 12 h unless set)
  --help     this text`;

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      user: { type: 'string' },
      role: { type: 'string', multiple: true },
      org: { type: 'string' },
      region: { type: 'string' },
      hours: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const problems: string[] = [];
  const config = loadConfig();
  const user = values.user ?? '';
  if (user === '') problems.push('--user is required');
  const given = values.role ?? [];
  const roles = ROLES.filter((role) => given.includes(role));
  if (given.length === 0) problems.push('--role is required');
  for (const role of given) if (!isRole(role)) problems.push(`unknown role "${role}"`);
  const organisation = values.org ?? '';
  if (organisation === '') problems.push('--org is required');
  const region = REGIONS.find((r) => r === values.region);
  if (!region) problems.push(`--region must be one of ${REGIONS.join(', ')}`);
  // The default never exceeds what the service accepts.
  const hours = values.hours === undefined ? Math.min(8, config.tokenMaxLifetimeSeconds / 3600) : Number(values.hours);
  const seconds = Math.round(hours * 3600);
  if (!Number.isFinite(hours) || seconds <= 0) problems.push('--hours must be a positive number');
  else if (seconds > config.tokenMaxLifetimeSeconds) {
    problems.push(
      `--hours must be at most ${config.tokenMaxLifetimeSeconds / 3600} (TOKEN_MAX_LIFETIME): the service refuses longer-lived tokens`,
    );
  }
  if (problems.length > 0 || !region) {
    console.error(`${problems.join('\n')}\n\n${HELP}`);
    return 2;
  }
  if (config.jwtSecretIsDefault) console.error('note: JWT_SECRET is not set; the token is signed with the development secret');
  console.log(issueToken({ userId: user, roles, organisation, region }, config.jwtSecret, seconds));
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(`${messageOf(error)}\n\n${HELP}`);
  process.exitCode = 2;
}
