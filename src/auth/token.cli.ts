#!/usr/bin/env node
/**
 * Issues a bearer token for local use:
 *   npm run token -- --user u-1 --role clerk --org school-12 --region kostanay-oblast
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { REGIONS, Region } from '../regulations/regulation.model';
import { ROLES, Role } from './principal';
import { issueToken } from './tokens';

const HELP = `Usage: npm run token -- --user ID --role ROLE [--role ROLE ...] --org ORGANISATION --region REGION [--hours N]

Issues an HS256 bearer token signed with JWT_SECRET (the development secret when unset).
  --user     user id recorded as the actor of every event (required)
  --role     one of: ${ROLES.join(', ')} (required, repeatable)
  --org      organisation id the user works for (required)
  --region   one of: ${REGIONS.join(', ')} (required)
  --hours    lifetime in hours (default 8)
  --help     this text`;

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      user: { type: 'string' },
      role: { type: 'string', multiple: true },
      org: { type: 'string' },
      region: { type: 'string' },
      hours: { type: 'string', default: '8' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const problems: string[] = [];
  if (!values.user) problems.push('--user is required');
  const roles = values.role ?? [];
  if (roles.length === 0) problems.push('--role is required');
  for (const role of roles) if (!(ROLES as readonly string[]).includes(role)) problems.push(`unknown role "${role}"`);
  if (!values.org) problems.push('--org is required');
  if (!(REGIONS as readonly string[]).includes(values.region ?? '')) problems.push(`--region must be one of ${REGIONS.join(', ')}`);
  const hours = Number(values.hours);
  if (!Number.isFinite(hours) || hours <= 0) problems.push('--hours must be a positive number');
  if (problems.length > 0) {
    console.error(`${problems.join('\n')}\n\n${HELP}`);
    return 2;
  }
  const config = loadConfig();
  if (config.jwtSecretIsDefault) console.error('note: JWT_SECRET is not set; the token is signed with the development secret');
  console.log(
    issueToken({ userId: values.user!, roles: roles as Role[], organisation: values.org!, region: values.region as Region }, config.jwtSecret, Math.round(hours * 3600)),
  );
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n\n${HELP}`);
  process.exitCode = 2;
}
