import { describeRoom, formatBytes, serverIsOnThisMachine } from './disk-room';

describe('the rebuild disk check (pure parts)', () => {
  it('takes a Unix socket or a loopback address for a server on this machine, and nothing else', () => {
    expect(serverIsOnThisMachine('postgres://postgres@127.0.0.1:5432/db')).toBe(true);
    expect(serverIsOnThisMachine('postgres://postgres@localhost/db')).toBe(true);
    expect(serverIsOnThisMachine('postgres://postgres@[::1]:5432/db')).toBe(true);
    expect(serverIsOnThisMachine('postgresql://postgres@localhost/db?host=/var/run/postgresql')).toBe(true);
    expect(serverIsOnThisMachine('postgres://postgres@postgres:5432/db')).toBe(false);
    expect(serverIsOnThisMachine('postgres://u@db.example.org/db')).toBe(false);
    expect(serverIsOnThisMachine('postgresql://u@localhost/db?host=db.example.org')).toBe(false);
    expect(serverIsOnThisMachine('not a url')).toBe(false);
  });

  it('writes sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1023)).toBe('1023 bytes');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(14 * 1024 ** 3)).toBe('14.0 GiB');
  });

  it('says what it found, and what to do when the room is short', () => {
    expect(describeRoom({ kind: 'enough', needed: 2048, free: 3 * 1024 ** 3, directory: '/pg' })).toBe(
      'disk: the live tables take 2.0 KiB, and their copies need at least as much until the swap; 3.0 GiB free in /pg',
    );
    const short = describeRoom({ kind: 'short', needed: 5 * 1024 ** 3, free: 1024 ** 3, directory: '/pg' });
    expect(short).toMatch(
      /^disk: not enough room: the live tables take 5\.0 GiB, .* only 1\.0 GiB is free in \/pg\. Nothing was changed\./,
    );
    expect(short).toMatch(/--skip-disk-check/);
    expect(describeRoom({ kind: 'unknown', needed: 0, reason: 'the database server is not on this machine' })).toBe(
      'disk: free space not checked: the database server is not on this machine; the live tables take 0 bytes, and their copies need at least as much until the swap',
    );
  });
});
