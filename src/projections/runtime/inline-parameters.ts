/**
 * A statement's $n parameters written into its text as quoted literals, so
 * that several statements travel in one simple-protocol round trip (which
 * takes no parameters). Every value becomes a string literal in the text
 * form pg would have sent it in (arrays as array literals, objects as JSON),
 * so the server types it from its context exactly as it types an untyped
 * parameter. `$n` is replaced only outside quoted strings, quoted names,
 * comments and dollar-quoted bodies.
 */
export function inlineParameters(sql: string, params: readonly unknown[]): string {
  const { texts, indexes } = templateOf(sql);
  let out = texts[0] ?? '';
  indexes.forEach((index, k) => {
    if (index < 0 || index >= params.length)
      throw new RangeError(`statement refers to $${index + 1}, but ${params.length} parameters were given`);
    out += literalOf(params[index]) + (texts[k + 1] ?? '');
  });
  return out;
}

/** One parameter as the literal that stands for it in a statement's text: quoted in its text form, NULL bare. */
export function literalOf(param: unknown): string {
  return param === null || param === undefined ? 'NULL' : quoteLiteral(textOf(param));
}

/**
 * pg's escapeLiteral, to the character (quotes doubled; with a backslash,
 * backslashes doubled in an E'' literal), through the engine's own string
 * search and replace instead of a loop that appends one character at a
 * time: quoting a live batch's parameters was a tenth of the runners'
 * thread at 500 appends/s (#21).
 */
export function quoteLiteral(value: string): string {
  const quoted = value.includes("'") ? value.replaceAll("'", "''") : value;
  return value.includes('\\') ? ` E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}

/** A statement cut at its placeholders: texts[0], then $(indexes[k] + 1) and texts[k + 1] for each k. */
interface Template {
  texts: string[];
  indexes: number[];
}

/** Statements are a program's own few texts: each is cut once (bounded, in case one is built from data). */
const templates = new Map<string, Template>();
const MAX_TEMPLATES = 1_000;

function templateOf(sql: string): Template {
  const known = templates.get(sql);
  if (known !== undefined) return known;
  const template = cut(sql);
  if (templates.size >= MAX_TEMPLATES) templates.clear();
  templates.set(sql, template);
  return template;
}

function cut(sql: string): Template {
  const texts: string[] = [];
  const indexes: number[] = [];
  let text = '';
  let i = 0;
  while (i < sql.length) {
    const skipped = skipQuoted(sql, i);
    if (skipped > i) {
      text += sql.slice(i, skipped);
      i = skipped;
      continue;
    }
    const placeholder = /^\$(\d+)/.exec(sql.slice(i, i + 12));
    if (placeholder && !/[\w$]/.test(sql[i - 1] ?? '')) {
      texts.push(text);
      indexes.push(Number(placeholder[1]) - 1);
      text = '';
      i += placeholder[0].length;
      continue;
    }
    text += sql[i];
    i += 1;
  }
  texts.push(text);
  return { texts, indexes };
}

/** Where a quoted string, quoted name, comment or dollar-quoted body starting at `at` ends; `at` when none starts there. */
function skipQuoted(sql: string, at: number): number {
  const rest = sql.slice(at, at + 2);
  if (rest.startsWith("'") || rest.startsWith('"')) {
    const mark = rest[0];
    let i = at + 1;
    while (i < sql.length) {
      if (sql[i] === mark) {
        if (sql[i + 1] === mark)
          i += 2; // a doubled quote stands for itself
        else return i + 1;
      } else if (mark === "'" && sql[i] === '\\')
        i += 2; // E'' escapes (harmless to skip in a standard string too)
      else i += 1;
    }
    return sql.length;
  }
  if (rest === '--') {
    const end = sql.indexOf('\n', at);
    return end === -1 ? sql.length : end + 1;
  }
  if (rest === '/*') {
    const end = sql.indexOf('*/', at + 2);
    return end === -1 ? sql.length : end + 2;
  }
  const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(at, at + 66));
  if (tag && !/[\w$]/.test(sql[at - 1] ?? '')) {
    const end = sql.indexOf(tag[0], at + tag[0].length);
    return end === -1 ? sql.length : end + tag[0].length;
  }
  return at;
}

/** The text form of a parameter, as pg's driver would send it. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  if (Array.isArray(value)) return arrayText(value);
  return JSON.stringify(value);
}

/** A PostgreSQL array literal: every element double-quoted (backslashes and quotes escaped), NULL bare. */
function arrayText(values: readonly unknown[]): string {
  const elements = values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    if (Array.isArray(v)) return arrayText(v);
    return `"${textOf(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${elements.join(',')}}`;
}
