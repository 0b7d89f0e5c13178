import { ConfigError, loadConfig, withCommandLine } from './config';

describe('loadConfig', () => {
  it('has sensible defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.eventStoreUrl).toBeUndefined();
    expect(config.jwtSecretIsDefault).toBe(true);
    expect(config.bodyLimitBytes).toBe(102400);
    expect(config.tokenMaxLifetimeSeconds).toBe(12 * 3600);
  });

  it('takes the body limit in bytes', () => {
    expect(loadConfig({ BODY_LIMIT_BYTES: '2048' }).bodyLimitBytes).toBe(2048);
  });

  it.each([
    ['8h', 8 * 3600],
    ['90m', 5400],
    ['3600s', 3600],
    ['600', 600],
  ])('reads TOKEN_MAX_LIFETIME=%s', (value, seconds) => {
    expect(loadConfig({ TOKEN_MAX_LIFETIME: value }).tokenMaxLifetimeSeconds).toBe(seconds);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x/y'],
    ['DATABASE_URL', 'not a url'],
    ['EVENTSTORE_URL', 'http://localhost:2113'],
    ['JWT_SECRET', 'short'],
    ['LOG_JSON', 'maybe'],
    ['LOG_LEVEL', 'loud'],
    ['SIMULATED_CLOCK_START', 'last tuesday'],
    ['NOTARY_CHECKPOINT_INTERVAL_MS', '500'],
    ['TOKEN_MAX_LIFETIME', '12 hours'],
    ['NOTARY_CHECKPOINT_INTERVAL_MS', 'soon'],
    ['NOTARY_CHECKPOINT_INTERVAL_MS', '86400001'],
    ['NOTARY_ORIGIN', 'has space'],
    ['NOTARY_ORIGIN', 'a+b'],
    ['TOKEN_MAX_LIFETIME', '0'],
    ['TOKEN_MAX_LIFETIME', '-1h'],
    ['TOKEN_MAX_LIFETIME', '169h'],
    ['TOKEN_MAX_LIFETIME', '30s'],
    ['METRICS_ALLOW', '10.0.0.300'],
    ['METRICS_ALLOW', '10.0.0.0/33'],
    ['METRICS_ALLOW', '10.0.0.1,prometheus'],
    ['METRICS_ALLOW', '::1/129'],
    ['METRICS_ALLOW', '10.0.0.0/8/8'],
  ])('names the bad variable %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it('gives the notary a key file, a witness directory, an origin and a 60 s interval by default; 0 turns the timer off', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      notaryKeyFile: '.data/notary.key',
      witnessDir: '.data/witness',
      notaryCheckpointIntervalMs: 60_000,
      production: false,
    });
    expect(config.notaryOrigin).toMatch(/^\S+$/);
    expect(loadConfig({ NOTARY_CHECKPOINT_INTERVAL_MS: '0' }).notaryCheckpointIntervalMs).toBe(0);
    expect(loadConfig({ NOTARY_KEY_FILE: '/etc/notary/key', WITNESS_DIR: '/mnt/witness', NOTARY_ORIGIN: 'edu.gov.kz/log' })).toMatchObject({
      notaryKeyFile: '/etc/notary/key',
      witnessDir: '/mnt/witness',
      notaryOrigin: 'edu.gov.kz/log',
    });
  });

  it('reads METRICS_ALLOW as addresses and CIDR ranges, none by default', () => {
    expect(loadConfig({}).metricsAllow).toEqual([]);
    expect(loadConfig({ METRICS_ALLOW: ' 10.0.0.0/8, 127.0.0.1 ,::1,fd00::/8' }).metricsAllow).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
      'fd00::/8',
    ]);
  });

  it('refuses a simulated clock in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), SIMULATED_CLOCK_START: '2019-03-04T04:00:00Z' })).toThrow(
      'SIMULATED_CLOCK_START',
    );
  });

  it("takes DEMO as a boolean, starts the clock at the demo's now with it, and refuses it in production", () => {
    expect(loadConfig({}).demo).toBe(false);
    expect(loadConfig({}).simulatedClockStart).toBeUndefined();
    for (const on of ['1', 'true', 'TRUE', 'yes'])
      expect(loadConfig({ DEMO: on })).toMatchObject({ demo: true, simulatedClockStart: new Date('2019-08-21T05:00:00Z') });
    for (const off of ['0', 'false', '']) expect(loadConfig({ DEMO: off }).demo).toBe(false);
    expect(() => loadConfig({ DEMO: 'maybe' })).toThrow('DEMO');
    expect(loadConfig({ DEMO: '1', SIMULATED_CLOCK_START: '2019-09-02T04:00:00Z' }).simulatedClockStart).toEqual(
      new Date('2019-09-02T04:00:00Z'),
    );
    expect(() => loadConfig({ DEMO: '1', SIMULATED_CLOCK_START: '2019-03-04T04:00:00Z' })).toThrow('SIMULATED_CLOCK_START');
    // The refusal names DEMO even when other production settings are missing.
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO: '1' })).toThrow(
      'Invalid environment variable DEMO: demo data never enters a production store',
    );
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), DEMO: 'true' })).toThrow(ConfigError);
  });

  it('reads --demo from the command line as DEMO=1, refused in production all the same', () => {
    expect(loadConfig(withCommandLine({}, ['--demo'])).demo).toBe(true);
    expect(loadConfig(withCommandLine({}, ['--other'])).demo).toBe(false);
    expect(() => loadConfig(withCommandLine({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }, ['--demo']))).toThrow('DEMO');
  });

  it('requires a real JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('JWT_SECRET');
  });

  it('accepts postgres and esdb URLs', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', EVENTSTORE_URL: 'esdb://h:2113?tls=false' });
    expect(config.databaseUrl).toBe('postgres://u@h:5432/db');
    expect(config.eventStoreUrl).toBe('esdb://h:2113?tls=false');
  });
});
