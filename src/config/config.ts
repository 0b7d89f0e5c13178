/**
 * Environment, validated once at start. A bad value stops the start with a
 * message that names the variable; nothing else in the code reads process.env.
 */
export interface AppConfig {
  port: number;
  /** Unset means: start an embedded PostgreSQL under `embeddedDataDir`. */
  databaseUrl?: string;
  embeddedDataDir: string;
  embeddedPort: number;
  /** Set means: the event store is EventStoreDB at this connection string. */
  eventStoreUrl?: string;
  /** HMAC secret for bearer tokens (HS256). */
  jwtSecret: string;
  jwtSecretIsDefault: boolean;
  logJson: boolean;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  projectionsEnabled: boolean;
  /** Extra calendar data layered over the shipped years (e.g. a late Kurban Ait change). */
  calendarOverrideDir?: string;
  /**
   * Demo and training only: the service's clock starts at this instant and runs
   * in real time. The seed regulations were all repealed by 2020, so without it
   * no application can be received today. Refused when NODE_ENV=production.
   */
  simulatedClockStart?: Date;
  /** Largest request body accepted (JSON or form), in bytes; larger ones are 413 body-too-large. */
  bodyLimitBytes: number;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`Invalid environment variable ${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

const DEV_JWT_SECRET = 'dev-only-secret-change-me-in-production';
const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `expected ${min}..${max}, got ${value}`);
  return value;
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

function url(env: NodeJS.ProcessEnv, name: string, schemes: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'not a valid URL');
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  if (!schemes.includes(scheme)) {
    throw new ConfigError(name, `expected a ${schemes.join(' or ')} URL, got scheme "${scheme}"`);
  }
  return raw;
}

function simulatedStart(env: NodeJS.ProcessEnv, production: boolean): Date | undefined {
  const raw = env.SIMULATED_CLOCK_START;
  if (raw === undefined || raw === '') return undefined;
  if (production) throw new ConfigError('SIMULATED_CLOCK_START', 'is not allowed when NODE_ENV=production');
  const at = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(at.getTime())) {
    throw new ConfigError('SIMULATED_CLOCK_START', `expected an ISO instant such as 2019-03-04T04:00:00Z, got "${raw}"`);
  }
  return at;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  const jwtSecret = env.JWT_SECRET ?? '';
  if (jwtSecret !== '' && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  }
  if (production && jwtSecret === '') {
    throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
  }
  const logLevel = (env.LOG_LEVEL ?? 'log') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `expected one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  return {
    port: integer(env, 'PORT', 3000, 1, 65535),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres', 'postgresql']),
    embeddedDataDir: env.EMBEDDED_PG_DIR || '.data/postgres',
    embeddedPort: integer(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535),
    eventStoreUrl: url(env, 'EVENTSTORE_URL', ['esdb', 'esdb+discover', 'kurrentdb', 'kurrentdb+discover', 'kurrent', 'kdb']),
    jwtSecret: jwtSecret || DEV_JWT_SECRET,
    jwtSecretIsDefault: jwtSecret === '',
    logJson: boolean(env, 'LOG_JSON', true),
    logLevel,
    projectionsEnabled: boolean(env, 'PROJECTIONS_ENABLED', true),
    calendarOverrideDir: env.CALENDAR_OVERRIDE_DIR || undefined,
    simulatedClockStart: simulatedStart(env, production),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 100 * 1024, 1024, 10 * 1024 * 1024),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
