import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { modulesBuiltBy, nonServiceModules } from './build-modules';

const REPO = join(__dirname, '..', '..');

describe('the production build (tsconfig.build.json)', () => {
  const built = modulesBuiltBy(join(REPO, 'tsconfig.build.json'));

  it('holds the service', () => {
    expect(built).toContain('src/main.ts');
    expect(built).toContain('src/app.module.ts');
  });

  it('holds no test, test double, contract suite, fixture or benchmark module', () => {
    expect(nonServiceModules(built)).toEqual([]);
  });
});

describe('modulesBuiltBy', () => {
  let dir: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'build-contents-'));
    write(
      'tsconfig.json',
      JSON.stringify({
        compilerOptions: { module: 'node20', moduleResolution: 'node16' },
        include: ['src/**/*.ts'],
        exclude: ['src/**/testing/**'],
      }),
    );
    write('src/store/testing/in-memory-store.ts', 'export const store = new Map();\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves out an excluded test double nothing imports', () => {
    write('src/main.ts', 'export const main = 1;\n');
    expect(modulesBuiltBy(join(dir, 'tsconfig.json'))).toEqual(['src/main.ts']);
  });

  it('finds an excluded test double that production code imports', () => {
    write('src/main.ts', "import { store } from './store/testing/in-memory-store';\nexport const main = store;\n");
    const built = modulesBuiltBy(join(dir, 'tsconfig.json'));
    expect(nonServiceModules(built)).toEqual(['src/store/testing/in-memory-store.ts']);
  });
});
