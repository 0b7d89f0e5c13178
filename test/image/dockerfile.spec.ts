import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * No Docker engine runs here, so the image is checked by reading its
 * Dockerfile: two stages, production dependencies only in the runtime, a
 * non-root user, a health check on /health/live, and every file the build
 * copies present in the repository.
 */
const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** V8's young generation for the service (NotaryProjection.batchSize says why): the image and every start script. */
const YOUNG_GENERATION = '--max-semi-space-size=64';

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  name: string;
  base: string;
  instructions: Instruction[];
}

/** Dockerfile instructions with continuation lines joined and comments dropped. */
function instructions(text: string): Instruction[] {
  const joined = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const space = line.search(/\s/);
      return { keyword: line.slice(0, space).toUpperCase(), args: line.slice(space + 1).trim() };
    });
}

function stages(text: string): Stage[] {
  const result: Stage[] = [];
  for (const instruction of instructions(text)) {
    if (instruction.keyword === 'FROM') {
      const match = /^(\S+)\s+AS\s+(\S+)$/i.exec(instruction.args);
      result.push({ base: match?.[1] ?? instruction.args, name: match?.[2] ?? '', instructions: [] });
    } else {
      result.at(-1)?.instructions.push(instruction);
    }
  }
  return result;
}

const args = (stage: Stage | undefined, keyword: string): string[] =>
  (stage?.instructions ?? []).filter((i) => i.keyword === keyword).map((i) => i.args);

describe('the container image (Dockerfile)', () => {
  const all = stages(read('Dockerfile'));
  const build = all.find((stage) => stage.name === 'build');
  const runtime = all.at(-1);

  it('has a build stage and a runtime stage, both on the Node major the service runs on', () => {
    expect(all.map((stage) => stage.name)).toEqual(['build', 'runtime']);
    for (const stage of all) expect(stage.base).toMatch(/^node:20-/);
  });

  it('builds with dev dependencies, then keeps production ones only', () => {
    const runs = args(build, 'RUN').join('\n');
    expect(runs).toMatch(/npm ci\b/);
    expect(runs).toMatch(/npm run build/);
    expect(runs).toMatch(/npm prune --omit=dev/);
    expect(args(runtime, 'RUN').join('\n')).not.toMatch(/npm (ci|install)/);
    expect(args(runtime, 'COPY').every((copy) => copy.startsWith('--from=build '))).toBe(true);
  });

  it('runs as an unprivileged user, in production mode, the built entry point', () => {
    const users = args(runtime, 'USER');
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
    expect(args(runtime, 'ENV').join(' ')).toMatch(/NODE_ENV=production/);
    expect(args(runtime, 'CMD')).toEqual([`["node", "${YOUNG_GENERATION}", "dist/src/main.js"]`]);
    const nest: { entryFile: string } = JSON.parse(read('nest-cli.json'));
    expect(`dist/${nest.entryFile}.js`).toBe('dist/src/main.js');
  });

  it('gives the service the young generation its start scripts and the benchmarks give it', () => {
    const scripts: Record<string, string> = JSON.parse(read('package.json')).scripts;
    for (const name of ['start', 'start:prod', 'bench:store', 'bench:projections']) {
      // Other flags may follow (bench:projections caps the old generation as projections:rebuild does).
      expect({ name, script: scripts[name] }).toEqual({
        name,
        script: expect.stringMatching(new RegExp(`node ${YOUNG_GENERATION}( --\\S+)* dist`)),
      });
    }
  });

  it('checks its health on /health/live, after the user switch', () => {
    const checks = args(runtime, 'HEALTHCHECK');
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatch(/\/health\/live/);
    const order = (runtime?.instructions ?? []).map((i) => i.keyword);
    expect(order.indexOf('USER')).toBeLessThan(order.indexOf('CMD'));
  });

  it('copies into the build only files the repository has', () => {
    const sources = args(build, 'COPY').flatMap((copy) => copy.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect({ source, exists: existsSync(join(ROOT, source)) }).toEqual({ source, exists: true });
  });

  it('keeps local state, secrets and dependencies out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.data', '.git', '**/*.key']));
  });

  it('is what docker-compose runs', () => {
    const compose = read('docker-compose.yml');
    const app = compose.slice(compose.indexOf('\n  app:\n'));
    expect(app).toMatch(/\n {4}build: \.\n/);
    expect(app).not.toMatch(/\n {4}image:/);
  });
});
