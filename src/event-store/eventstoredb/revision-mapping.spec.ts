import { ANY, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client';
import { exactTarget, fromClientRevision, pinnedRevision, toClientExpectedRevision } from './revision-mapping';

describe('expected revision mapping', () => {
  it('maps each of our expectations to the client constant or a bigint', () => {
    expect(toClientExpectedRevision('any')).toBe(ANY);
    expect(toClientExpectedRevision('no-stream')).toBe(NO_STREAM);
    expect(toClientExpectedRevision('stream-exists')).toBe(STREAM_EXISTS);
    expect(toClientExpectedRevision(0)).toBe(0n);
    expect(toClientExpectedRevision(41)).toBe(41n);
  });

  it('pins an append to the revision read: NO_STREAM for an empty stream', () => {
    expect(pinnedRevision(-1)).toBe(NO_STREAM);
    expect(pinnedRevision(0)).toBe(0n);
    expect(pinnedRevision(7)).toBe(7n);
  });

  it('reads the client current revision back, -1 for no stream', () => {
    expect(fromClientRevision(NO_STREAM)).toBe(-1);
    expect(fromClientRevision(-1n)).toBe(-1);
    expect(fromClientRevision(0n)).toBe(0);
    expect(fromClientRevision(12n)).toBe(12);
  });

  it('names the revision a numeric or no-stream expectation requires', () => {
    expect(exactTarget('no-stream')).toBe(-1);
    expect(exactTarget(3)).toBe(3);
  });
});
