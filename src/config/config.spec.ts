import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has sensible defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.eventStoreUrl).toBeUndefined();
    expect(config.jwtSecretIsDefault).toBe(true);
    expect(config.bodyLimitBytes).toBe(102400);
  });

  it('takes the body limit in bytes', () => {
    expect(loadConfig({ BODY_LIMIT_BYTES: '2048' }).bodyLimitBytes).toBe(2048);
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
    ['BODY_LIMIT_BYTES', '100kb'],
    ['BODY_LIMIT_BYTES', '10'],
  ])('names the bad variable %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it('refuses a simulated clock in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), SIMULATED_CLOCK_START: '2019-03-04T04:00:00Z' })).toThrow('SIMULATED_CLOCK_START');
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
