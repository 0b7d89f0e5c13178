import { escapeLiteral } from 'pg';
import { inlineParameters, quoteLiteral } from './inline-parameters';

const inline = (sql: string, params: unknown[]) => inlineParameters(sql, params);

describe('inlineParameters', () => {
  it('writes every parameter as a quoted literal in its text form, NULL bare', () => {
    expect(inline('SELECT $1::int, $2::text, $3::bool, $4, $5::bigint', [7, 'a', true, null, 12n])).toBe(
      "SELECT '7'::int, 'a'::text, 'true'::bool, NULL, '12'::bigint",
    );
    expect(inline('SELECT $1::timestamptz', [new Date('2026-12-07T10:00:00Z')])).toBe("SELECT '2026-12-07T10:00:00.000Z'::timestamptz");
    expect(inline('SELECT $1::jsonb', [{ a: "it's" }])).toBe(`SELECT '{"a":"it''s"}'::jsonb`);
  });

  it('writes arrays as array literals: every element double-quoted and escaped, NULL bare', () => {
    expect(inline('SELECT $1::text[]', [['a', 'b"c', 'd\\e', null, "f'g", '{h,i}']])).toBe(
      String.raw`SELECT  E'{"a","b\\"c","d\\\\e",NULL,"f''g","{h,i}"}'::text[]`,
    );
    expect(inline('SELECT $1::float8[]', [[1.5, null, 3]])).toBe(`SELECT '{"1.5",NULL,"3"}'::float8[]`);
  });

  it('keeps a hostile value inside its literal', () => {
    const hostile = `x'); DROP TABLE t; -- \\ '' "`;
    expect(inline('SELECT $1::text', [hostile])).toBe(`SELECT ${escapeLiteral(hostile)}::text`);
  });

  it('tells $1 from $10, and leaves $n alone inside strings, quoted names, comments and dollar quotes', () => {
    const params = Array.from({ length: 10 }, (_, i) => `p${i + 1}`);
    expect(inline('SELECT $10, $1', params)).toBe("SELECT 'p10', 'p1'");
    expect(inline(`SELECT '$1', "$1", $1 -- $1\n, $1 /* $1 */, $$ $1 $$, $tag$ $1 $tag$, 'it''s $1'`, ['x'])).toBe(
      `SELECT '$1', "$1", 'x' -- $1\n, 'x' /* $1 */, $$ $1 $$, $tag$ $1 $tag$, 'it''s $1'`,
    );
  });

  it('refuses a statement that names a parameter it was not given', () => {
    expect(() => inline('SELECT $2', ['only one'])).toThrow('refers to $2, but 1 parameters were given');
  });

  it('refuses $0, and a statement met again is cut the same (its cut is kept) whatever its parameters', () => {
    expect(() => inline('SELECT $0', ['x'])).toThrow('refers to $0');
    const sql = "SELECT $1, '$2', $2 -- $1";
    expect(inline(sql, ['a', 'b'])).toBe("SELECT 'a', '$2', 'b' -- $1");
    expect(inline(sql, ["c'", null])).toBe("SELECT 'c''', '$2', NULL -- $1");
    expect(() => inline(sql, ['only one'])).toThrow('refers to $2, but 1 parameters were given');
  });
});

describe('quoteLiteral', () => {
  it("is pg's escapeLiteral to the character, on hostile, odd and random strings", () => {
    const fixed = ['', "'", '\\', "\\'", "''\\\\", 'plain', `x'); DROP TABLE t; -- \\ '' "`, 'Қазақстан ✓ \u0000', "E'x'", '$1 $$ /* */'];
    // Deterministic pseudo-random strings over the characters that matter, and some that do not.
    const alphabet = ["'", '\\', '"', 'a', 'ә', ' ', '$', '\n', '😀'];
    let seed = 20261207;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const random = Array.from({ length: 2_000 }, () =>
      Array.from({ length: next() % 24 }, () => alphabet[next() % alphabet.length]).join(''),
    );
    for (const value of [...fixed, ...random]) expect(quoteLiteral(value)).toBe(escapeLiteral(value));
  });
});
