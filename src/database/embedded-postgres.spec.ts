import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initialiseFailure, letOthersEnter, startFailure } from './embedded-postgres';

describe('embedded PostgreSQL start failure', () => {
  const busy = ['', 'LOG:  could not bind IPv4 address "127.0.0.1": Address already in use', 'FATAL:  could not create any TCP/IP sockets'];

  it("names the port, the directory, the settings to change and the server's own last lines", () => {
    const message = startFailure(54329, '/srv/app/.data/postgres', undefined, busy).message;
    expect(message).toBe(
      'embedded PostgreSQL did not start on port 54329 with data in /srv/app/.data/postgres' +
        ' (another server on that port or directory? set EMBEDDED_PG_PORT or EMBEDDED_PG_DIR, or DATABASE_URL):' +
        ' LOG:  could not bind IPv4 address "127.0.0.1": Address already in use | FATAL:  could not create any TCP/IP sockets',
    );
  });

  it('prefers a real error, and says when the server printed nothing', () => {
    expect(startFailure(1, '/d', new Error('spawn EACCES'), busy).message).toMatch(/: spawn EACCES$/);
    expect(startFailure(1, '/d', undefined, []).message).toMatch(/: no output$/);
  });
});

describe('embedded PostgreSQL initialise failure', () => {
  it("names the directory, what to do, and initdb's reason on one line", () => {
    const initdb = new Error(
      'Postgres init script failed (code: 1, signal: null). ERROR OUTPUT: initdb: error: directory "/srv/app/.data/postgres" exists but is not empty\n' +
        'initdb: hint: If you want to create a new database system, either remove or empty the directory "/srv/app/.data/postgres"\n',
    );
    const message = initialiseFailure('/srv/app/.data/postgres', initdb).message;
    expect(message).toMatch(/^embedded PostgreSQL could not create its database cluster in \/srv\/app\/.data\/postgres \(/);
    expect(message).toContain('empty or remove it; or set EMBEDDED_PG_DIR to another directory, or DATABASE_URL to a server');
    expect(message).toMatch(/exists but is not empty initdb: hint: If you want/);
    expect(message).not.toContain('\n');
  });

  it('says when there was no reason at all', () => {
    expect(initialiseFailure('/d', undefined).message).toMatch(/: no output$/);
    expect(initialiseFailure('/d', new Error('')).message).toMatch(/: no output$/);
  });
});

describe('the directory holding the data directory', () => {
  it('lets others enter it (o+x, not list) when it was made 0700, e.g. by the notary key written there first', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pg-parent-'));
    try {
      await chmod(dir, 0o700);
      expect(await letOthersEnter(dir)).toBe(true);
      expect((await stat(dir)).mode & 0o777).toBe(0o701);
      expect(await letOthersEnter(dir)).toBe(false); // already enterable: left as it is
      expect((await stat(dir)).mode & 0o777).toBe(0o701);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
