import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise, key, type Violation } from './cruise';

const REPO = join(__dirname, '..', '..');

interface KnownViolation extends Violation {
  reason: string;
}

const known: KnownViolation[] = JSON.parse(readFileSync(join(__dirname, 'known-violations.json'), 'utf8'));

describe('the dependency rules (.dependency-cruiser.cjs)', () => {
  let found: string[];
  beforeAll(() => {
    found = cruise(REPO, ['src', 'bench', 'test']).map(key).sort();
  });

  it('hold everywhere but in the known violations', () => {
    const knownKeys = new Set(known.map(key));
    expect(found.filter((v) => !knownKeys.has(v))).toEqual([]);
  });

  it('list as known only violations that still occur (remove an entry once it is fixed)', () => {
    expect(known.map(key).filter((v) => !found.includes(v))).toEqual([]);
  });

  it('give every known violation its reason', () => {
    expect(known.filter((v) => v.reason.trim().length < 20)).toEqual([]);
  });
});

describe('each rule', () => {
  let dir: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dependency-rules-'));
    write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'node20', moduleResolution: 'node16', strict: true } }));
    write('src/regulations/regulation.model.ts', 'export type Region = string;\n');
    write('src/cases/case-stream.ts', 'export const loadCase = () => 1;\n');
    write(
      'src/cases/domain/case.events.ts',
      "import type { Region } from '../../regulations/regulation.model';\nexport type CaseEvent = { region: Region };\n",
    );
    write(
      'src/cases/domain/case.decide.ts',
      "import type { CaseEvent } from './case.events';\nimport { loadCase } from '../case-stream';\nexport const decide = (e: CaseEvent) => [e, loadCase()];\n",
    );
    write(
      'src/projections/work-queue/work-queue.projection.ts',
      "import type { CaseEvent } from '../../cases/domain/case.events';\nimport { loadCase } from '../../cases/case-stream';\nexport const project = (e: CaseEvent) => [e, loadCase()];\n",
    );
    write('src/projections/read-models.registry.ts', 'export const READ_MODELS = [];\n');
    write(
      'src/projections/runtime/projections.module.ts',
      "import { READ_MODELS } from '../read-models.registry';\nexport const models = READ_MODELS;\n",
    );
    write('src/event-store/contract/event-store.contract.ts', 'export const contract = 1;\n');
    write('src/main.ts', "import { contract } from './event-store/contract/event-store.contract';\nexport const main = contract;\n");
    write('src/loop/a.ts', "import { b } from './b';\nexport const a = () => b;\n");
    write('src/loop/b.ts', "import { a } from './a';\nexport const b = () => a;\n");
    write('src/types-only/a.ts', "import type { B } from './b';\nexport interface A { b?: B }\n");
    write('src/types-only/b.ts', "import { a } from './a';\nexport interface B { a?: typeof a }\nexport const a2 = a;\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails the arrow it forbids, and only that (a cycle through a type-only import is no cycle)', () => {
    expect(cruise(dir, ['src']).map(key).sort()).toEqual(
      [
        'domain-imports-domain-and-regulation-types-only: src/cases/domain/case.decide.ts → src/cases/case-stream.ts',
        'projections-read-events-not-the-write-side: src/projections/work-queue/work-queue.projection.ts → src/cases/case-stream.ts',
        'projection-runtime-knows-no-concrete-projection: src/projections/runtime/projections.module.ts → src/projections/read-models.registry.ts',
        'service-imports-no-test-code: src/main.ts → src/event-store/contract/event-store.contract.ts',
        'no-circular: src/loop/a.ts → src/loop/b.ts',
      ].sort(),
    );
  });
});
