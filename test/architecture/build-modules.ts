import { dirname, relative, resolve } from 'node:path';
import * as ts from 'typescript';

/**
 * The modules a tsconfig compiles: its root files and every project file they
 * import, transitively (an excluded file still lands in the build when an
 * included one imports it). Imports are resolved, not type-checked, so this
 * takes a second where a build takes a minute.
 */
export function modulesBuiltBy(tsconfigPath: string): string[] {
  const configFile = ts.readConfigFile(tsconfigPath, (path) => ts.sys.readFile(path));
  if (configFile.error) throw new Error(ts.flattenDiagnosticMessageText(configFile.error.messageText, '\n'));
  const root = dirname(resolve(tsconfigPath));
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
  const seen = new Set<string>();
  const pending = parsed.fileNames.map((f) => resolve(f));
  while (pending.length > 0) {
    const file = pending.pop();
    if (file === undefined || seen.has(file)) continue;
    seen.add(file);
    const source = ts.sys.readFile(file) ?? '';
    for (const imported of ts.preProcessFile(source, true, true).importedFiles) {
      const resolved = ts.resolveModuleName(imported.fileName, file, parsed.options, ts.sys).resolvedModule;
      if (resolved && !resolved.isExternalLibraryImport && !resolved.resolvedFileName.endsWith('.d.ts'))
        pending.push(resolve(resolved.resolvedFileName));
    }
  }
  return [...seen].map((f) => relative(root, f).split('\\').join('/')).sort();
}

/** Paths that are tests, test doubles, contract suites, fixtures or benchmarks: none belongs in the service's build. */
const NOT_THE_SERVICE = [
  /\.(spec|int-spec|e2e-spec)\.tsx?$/,
  /\.(spec-support|support|fixture|double)\.ts$/,
  /(^|\/)(testing|contract|bench|test)\//,
];

export function nonServiceModules(modules: string[]): string[] {
  return modules.filter((m) => NOT_THE_SERVICE.some((pattern) => pattern.test(m)));
}
