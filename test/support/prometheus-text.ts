/** A small reader of the Prometheus text exposition format (0.0.4), enough to check what /metrics says. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: string;
  help: string;
  samples: Sample[];
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function labelsOf(text: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const match of (text ?? '').matchAll(LABEL)) labels[match[1]] = match[2].replace(/\\n/g, '\n').replace(/\\(.)/g, '$1');
  return labels;
}

function valueOf(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/** Families by name; a sample line that does not parse, or one outside any declared family, throws. */
export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const familyOf = (name: string) => {
    const existing = families.get(name);
    if (existing) return existing;
    const created: Family = { name, type: 'untyped', help: '', samples: [] };
    families.set(name, created);
    return created;
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (meta) {
      const family = familyOf(meta[2]);
      if (meta[1] === 'HELP') family.help = meta[3];
      else family.type = meta[3];
      continue;
    }
    if (line.startsWith('#')) continue;
    const sample = SAMPLE.exec(line);
    if (!sample) throw new Error(`not a Prometheus sample line: ${line}`);
    const name = sample[1];
    const base = [name, name.replace(/_(bucket|sum|count|total|created)$/, '')].find((candidate) => families.has(candidate));
    if (base === undefined) throw new Error(`sample outside any declared family: ${line}`);
    const value = valueOf(sample[3]);
    // NaN is a value of the format (prom-client writes it "Nan", e.g. an event-loop mean before any sample; Prometheus parses it case-insensitively).
    if (Number.isNaN(value) && !/^nan$/i.test(sample[3])) throw new Error(`not a number: ${line}`);
    familyOf(base).samples.push({ name, labels: labelsOf(sample[2]), value });
  }
  return families;
}
