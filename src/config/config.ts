import { isIP } from 'node:net';
import { isOneOf } from '../common/one-of';
import { DEMO_NOW } from '../demo/demo-now';

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
  /** TOKEN_MAX_LIFETIME: the longest bearer token lifetime (exp - iat) accepted, in seconds. */
  tokenMaxLifetimeSeconds: number;
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
  /** The notary's Ed25519 key (C2SP signer key text or PKCS#8 PEM); generated here on first start outside production. */
  notaryKeyFile: string;
  /** The checkpoint origin line (and the name a generated key carries). */
  notaryOrigin: string;
  /** Signed checkpoints are published here, append-only: a place the database host cannot rewrite. */
  witnessDir: string;
  /** How often the notary signs a checkpoint when the tree grew; 0 = only on demand (npm run audit:checkpoint). */
  notaryCheckpointIntervalMs: number;
  /**
   * DEMO (or `--demo`): seed the demo cases at start, through the command path.
   * Never in production; without SIMULATED_CLOCK_START the clock starts at the demo's "now".
   */
  demo: boolean;
  /**
   * METRICS_ALLOW: addresses and CIDR ranges (e.g. a Prometheus server's) that may read GET /metrics
   * without a token; anyone else needs an admin bearer token.
   */
  metricsAllow: string[];
  production: boolean;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid environment variable ${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

const DEV_JWT_SECRET = 'dev-only-secret-change-me-in-production';
const DEFAULT_ORIGIN = 'kz-regulated-services.local/transparency-log';
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

/** 0 turns the timer off; otherwise 1 s .. 1 day. */
function checkpointInterval(env: NodeJS.ProcessEnv): number {
  const value = integer(env, 'NOTARY_CHECKPOINT_INTERVAL_MS', 60_000, 0, 86_400_000);
  if (value !== 0 && value < 1000)
    throw new ConfigError('NOTARY_CHECKPOINT_INTERVAL_MS', `expected 0 (off) or 1000..86400000, got ${value}`);
  return value;
}

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** A duration such as 12h, 90m or 3600s (a bare number is seconds), within min..max seconds. */
function durationSeconds(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const match = /^([1-9]\d{0,6})([smh]?)$/.exec(raw.trim());
  if (!match) throw new ConfigError(name, `expected a duration such as 12h, 90m or 3600s, got "${raw}"`);
  const value = Number(match[1]) * DURATION_UNITS[match[2] || 's'];
  if (value < min || value > max) throw new ConfigError(name, `expected ${min} s to ${max / 3600} h, got ${value} s`);
  return value;
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

function origin(env: NodeJS.ProcessEnv): string {
  const raw = env.NOTARY_ORIGIN;
  if (raw === undefined || raw === '') return DEFAULT_ORIGIN;
  // The origin names the log and the key: one line, no whitespace or '+' (C2SP key names).
  if (!/^[\x21-\x7e]{1,200}$/.test(raw) || raw.includes('+')) {
    throw new ConfigError('NOTARY_ORIGIN', `expected printable ASCII without spaces or '+', e.g. ${DEFAULT_ORIGIN}, got "${raw}"`);
  }
  return raw;
}

/** DEMO is checked before anything else in production: the refusal must name it, not a missing secret. */
function demoMode(env: NodeJS.ProcessEnv, production: boolean): boolean {
  const demo = boolean(env, 'DEMO', false);
  if (demo && production) throw new ConfigError('DEMO', 'demo data never enters a production store: not allowed when NODE_ENV=production');
  return demo;
}

/** The demo's cases are recorded up to DEMO_NOW: a clock starting earlier would see them in its future. */
function clockStart(env: NodeJS.ProcessEnv, production: boolean, demo: boolean): Date | undefined {
  const start = simulatedStart(env, production);
  if (!demo) return start;
  if (start === undefined) return DEMO_NOW;
  if (start < DEMO_NOW) {
    throw new ConfigError(
      'SIMULATED_CLOCK_START',
      `with DEMO it must not be before ${DEMO_NOW.toISOString()}, the last instant the demo cases are recorded at`,
    );
  }
  return start;
}

/** A comma list of IP addresses and CIDR ranges (IPv4 or IPv6); each entry is checked here so a typo stops the start. */
function addressList(env: NodeJS.ProcessEnv, name: string): string[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((entry) => {
    const text = entry.trim();
    const [address, prefix, ...rest] = text.split('/');
    const family = isIP(address);
    const maxPrefix = family === 6 ? 128 : 32;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);
    if (family === 0 || !prefixOk || rest.length > 0)
      throw new ConfigError(name, `expected IP addresses or CIDR ranges separated by commas, got "${text}"`);
    return text;
  });
}

/** `--demo` on the command line (`npm start -- --demo`) is DEMO=1, validated with the rest. */
export function withCommandLine(env: NodeJS.ProcessEnv, argv: readonly string[]): NodeJS.ProcessEnv {
  return argv.includes('--demo') ? { ...env, DEMO: '1' } : env;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  const demo = demoMode(env, production);
  const jwtSecret = env.JWT_SECRET ?? '';
  if (jwtSecret !== '' && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  }
  if (production && jwtSecret === '') {
    throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
  }
  const logLevel = env.LOG_LEVEL ?? 'log';
  if (!isOneOf(LOG_LEVELS, logLevel)) {
    throw new ConfigError('LOG_LEVEL', `expected one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  return {
    port: integer(env, 'PORT', 3000, 1, 65535),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres', 'postgresql']),
    embeddedDataDir: env.EMBEDDED_PG_DIR || '.data/postgres',
    embeddedPort: integer(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535),
    eventStoreUrl: url(env, 'EVENTSTORE_URL', ['esdb', 'esdb+discover', 'kurrentdb', 'kurrentdb+discover', 'kurrent', 'kdb']),
    jwtSecret: jwtSecret || DEV_JWT_SECRET,
    jwtSecretIsDefault: jwtSecret === '',
    // At most a week: a bearer token is a password for as long as it lives.
    tokenMaxLifetimeSeconds: durationSeconds(env, 'TOKEN_MAX_LIFETIME', 12 * 3600, 60, 7 * 24 * 3600),
    logJson: boolean(env, 'LOG_JSON', true),
    logLevel,
    projectionsEnabled: boolean(env, 'PROJECTIONS_ENABLED', true),
    calendarOverrideDir: env.CALENDAR_OVERRIDE_DIR || undefined,
    simulatedClockStart: clockStart(env, production, demo),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 100 * 1024, 1024, 10 * 1024 * 1024),
    notaryKeyFile: env.NOTARY_KEY_FILE || '.data/notary.key',
    notaryOrigin: origin(env),
    witnessDir: env.WITNESS_DIR || '.data/witness',
    notaryCheckpointIntervalMs: checkpointInterval(env),
    demo,
    metricsAllow: addressList(env, 'METRICS_ALLOW'),
    production,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
