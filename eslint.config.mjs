// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Tests, test doubles, contract suites, fixtures and benchmarks. */
const TEST_CODE = [
  '**/*.spec.ts',
  '**/*.spec.tsx',
  '**/*.int-spec.ts',
  '**/*.e2e-spec.ts',
  '**/*.spec-support.ts',
  '**/*.support.ts',
  '**/*.fixture.ts',
  '**/testing/**',
  '**/contract/**',
  'test/**',
  'bench/**',
];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'coverage/**', '.data/**', '.tmp/**', 'src/console/assets/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `_name` marks a parameter or binding kept on purpose (an interface's signature, a field left out of a rest).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // The input validators match control characters on purpose, to reject them.
      'no-control-regex': 'off',
      // Adapters implement Promise-returning ports; a method with nothing to await is still async by contract.
      '@typescript-eslint/require-await': 'off',
      // `${x}` of a `never` is the message of an exhaustiveness check.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNever: true }],
      // String(unknown) is deliberate where it occurs (escaping, CSV cells, log text of a thrown value); the rule takes a
      // narrowed unknown for an object.
      '@typescript-eslint/no-base-to-string': 'off',
      // `'help' | string` names the literal a caller tests for, though string already holds it.
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: TEST_CODE,
    rules: {
      // The jest types apply to tests only (tsconfig.build.json has none); production code never reaches for them.
      'no-restricted-globals': ['error', 'describe', 'it', 'test', 'expect', 'jest', 'beforeAll', 'beforeEach', 'afterAll', 'afterEach'],
    },
  },
  {
    files: TEST_CODE,
    rules: {
      // Response bodies of supertest and JSON.parse are `any` by design; a test asserts their shape with expect.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Tests assert on what they check; `!` after a lookup the test just made is the assertion's premise.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.cjs', '**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  // The CommonJS config and reporter files load their modules with require().
  { files: ['**/*.cjs', '**/*.mjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
