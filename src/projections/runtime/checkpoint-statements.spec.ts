import { guardCheckpointStatement } from './checkpoint-guard';
import { advanceCheckpointStatement, positionLiteral } from './checkpoints';
import { quoteLiteral } from './inline-parameters';

describe('checkpoint statements sent as text', () => {
  const name = quoteLiteral("work-queue'; DROP TABLE rm_checkpoints; --");

  it('carry the position as a bigint literal and the projection quoted', () => {
    expect(positionLiteral(9_007_199_254_740_993n)).toBe('9007199254740993::bigint');
    expect(guardCheckpointStatement(name, 42n)).toBe(`SELECT rm_checkpoint_guard(${name}, 42::bigint)`);
    expect(advanceCheckpointStatement(name, 0n)).toContain(`SET position = 0::bigint,`);
    expect(advanceCheckpointStatement(name, 0n)).toContain(`WHERE projection = ${name}`);
  });

  it('refuse a negative position in either statement', () => {
    expect(() => positionLiteral(-1n)).toThrow(RangeError);
    expect(() => guardCheckpointStatement(name, -1n)).toThrow('never negative');
    expect(() => advanceCheckpointStatement(name, -5n)).toThrow('never negative');
  });
});
