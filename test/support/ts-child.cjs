// Runs a TypeScript file in a child process, compiled on the fly with the swc options jest uses:
//   node test/support/ts-child.cjs path/to/file.ts
// For tests that must SIGKILL what they run (a rebuild killed half-way).
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

// The same options as jest's transform (package.json): .tsx (the console's pages) with Preact's JSX runtime.
const compile = (tsx) => (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx },
      transform: {
        legacyDecorator: true,
        decoratorMetadata: true,
        ...(tsx ? { react: { runtime: 'automatic', importSource: 'preact', throwIfNamespace: true } } : {}),
      },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require.extensions['.ts'] = compile(false);
require.extensions['.tsx'] = compile(true);

require(path.resolve(process.argv[2]));
