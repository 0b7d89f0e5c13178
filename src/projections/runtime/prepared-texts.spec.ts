import { forgetPrepared, MAX_PREPARED_PER_CONNECTION, preparedNameOf, preparedTexts } from './prepared-texts';

describe('preparedTexts', () => {
  const sql = 'INSERT INTO t (a, b) VALUES ($1::jsonb, $2::text[])';

  it('names a statement by its text: the same name for the same text, an identifier PostgreSQL takes as it is', () => {
    expect(preparedNameOf(sql)).toBe(preparedNameOf(`${sql}`));
    expect(preparedNameOf(sql)).not.toBe(preparedNameOf(`${sql} `));
    expect(preparedNameOf(sql)).toMatch(/^rm_[0-9a-f]{24}$/);
  });

  it('prepares a statement the first time a connection meets it, and afterwards only executes it', () => {
    const connection = {};
    const name = preparedNameOf(sql);
    expect(preparedTexts(connection, sql, [{ it: "o'k" }, ['x', null]])).toEqual([
      `PREPARE ${name} AS ${sql}`,
      `EXECUTE ${name}('{"it":"o''k"}', '{"x",NULL}')`,
    ]);
    expect(preparedTexts(connection, sql, [null, []])).toEqual([`EXECUTE ${name}(NULL, '{}')`]);
    expect(preparedTexts({}, sql, [null, []])).toHaveLength(2);
  });

  it('sends a statement without parameters as it is', () => {
    expect(preparedTexts({}, 'SELECT 1', [])).toEqual(['SELECT 1']);
  });

  it('prepares at most MAX_PREPARED_PER_CONNECTION texts on a connection: past them, a new text goes with its values quoted in', () => {
    const connection = {};
    const shapes = Array.from({ length: MAX_PREPARED_PER_CONNECTION + 1 }, (_, i) => `SELECT $1::int + ${i}`);
    for (const shape of shapes.slice(0, -1)) expect(preparedTexts(connection, shape, [1])[0]).toMatch(/^PREPARE /);
    expect(preparedTexts(connection, `SELECT $1::int + ${MAX_PREPARED_PER_CONNECTION}`, [1])).toEqual([
      `SELECT '1'::int + ${MAX_PREPARED_PER_CONNECTION}`,
    ]);
    // Those it holds are still executed.
    expect(preparedTexts(connection, 'SELECT $1::int + 0', [2])).toEqual([`EXECUTE ${preparedNameOf('SELECT $1::int + 0')}('2')`]);
  });

  it('after forgetPrepared, prepares again: what a failed batch left on the connection is not known', () => {
    const connection = {};
    preparedTexts(connection, sql, [1, 2]);
    expect(forgetPrepared(connection)).toBe('DEALLOCATE ALL');
    expect(preparedTexts(connection, sql, [1, 2])[0]).toMatch(/^PREPARE /);
  });
});
