import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Classes declared in files that describe OpenAPI models (they use @ApiProperty), by name. */
function modelClasses(dir: string, found = new Map<string, string[]>()): Map<string, string[]> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      modelClasses(path, found);
      continue;
    }
    if (!/\.ts$/.test(name) || /spec/.test(name)) continue;
    const text = readFileSync(path, 'utf8');
    if (!text.includes('@ApiProperty')) continue;
    for (const m of text.matchAll(/^(?:export )?class (\w+)/gm))
      found.set(m[1], [...(found.get(m[1]) ?? []), relative(join(__dirname, '..'), path)]);
  }
  return found;
}

describe('OpenAPI model names', () => {
  it('are unique: Swagger keys schemas by class name and silently merges two classes of the same name', () => {
    const models = modelClasses(join(__dirname, '..'));
    expect(models.size).toBeGreaterThan(50);
    const clashes = [...models].filter(([, files]) => files.length > 1).map(([name, files]) => `${name}: ${files.join(', ')}`);
    expect(clashes).toEqual([]);
  });
});
