import { startFailure } from './embedded-postgres';

describe('embedded PostgreSQL start failure', () => {
  const busy = ['', 'LOG:  could not bind IPv4 address "127.0.0.1": Address already in use', 'FATAL:  could not create any TCP/IP sockets'];

  it('names the port, the directory, the settings to change and the server\'s own last lines', () => {
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
