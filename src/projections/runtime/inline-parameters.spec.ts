import { escapeLiteral } from 'pg';
import { inlineParameters } from './inline-parameters';

const inline = (sql: string, params: unknown[]) => inlineParameters(sql, params, escapeLiteral);

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
});
