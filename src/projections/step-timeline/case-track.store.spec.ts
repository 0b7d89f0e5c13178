import { shiftParameters } from './case-track.store';

describe('shiftParameters (a write sent alongside the case tracks, in their statement)', () => {
  it('renumbers every parameter by the offset, two-digit ones included', () => {
    expect(shiftParameters('INSERT INTO t SELECT * FROM unnest($1::text[], $2::int[], $10::text[], $12::json[])', 19)).toBe(
      'INSERT INTO t SELECT * FROM unnest($20::text[], $21::int[], $29::text[], $31::json[])',
    );
  });

  it('renumbers parameters after a literal, and leaves the literal as it is', () => {
    expect(shiftParameters("INSERT INTO t VALUES ('it''s', $1)", 19)).toBe("INSERT INTO t VALUES ('it''s', $20)");
  });

  it('leaves a statement without parameters as it is', () => {
    expect(shiftParameters('DELETE FROM t WHERE done', 19)).toBe('DELETE FROM t WHERE done');
  });

  it('refuses text it cannot renumber safely: dollar quotes, or a dollar inside a literal', () => {
    expect(() => shiftParameters('INSERT INTO t VALUES ($$a$$, $1)', 19)).toThrow('dollar');
    expect(() => shiftParameters("INSERT INTO t VALUES ('costs $1', $1)", 19)).toThrow('dollar');
  });
});
