/**
 * The never-arrows of the design (issue 20), checked by
 * test/architecture/dependency-rules.spec.ts on every `npm test`.
 * Edges that break a rule today and are being fixed elsewhere are listed,
 * each with its reason, in test/architecture/known-violations.json.
 */

/** Tests, test doubles, contract suites, fixtures and benchmarks: never part of the service. */
const TEST_CODE = [
  '\\.(spec|int-spec|e2e-spec)\\.tsx?$',
  '\\.(spec-support|support|fixture|double)\\.ts$',
  '(^|/)(testing|contract)/',
  '^bench/',
  '^test/',
];

/** What the projections may take from the cases module: the events (with the plan they carry, and their codec) and pure read-side rules. */
const CASES_FOR_READERS = [
  '^src/cases/domain/(case\\.events|plan|case-visibility|deadlines|iin)\\.ts$',
  '^src/cases/case-access\\.ts$',
  '^src/cases/.*(codec|upcast)',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-domain-and-regulation-types-only',
      comment: 'cases/domain is pure decide/evolve: it imports only itself and the regulation model, no I/O, no framework, no npm package.',
      severity: 'error',
      from: { path: '^src/cases/domain/', pathNot: TEST_CODE },
      to: { pathNot: ['^src/cases/domain/', '^src/regulations/regulation\\.model\\.ts$'] },
    },
    {
      name: 'projections-read-events-not-the-write-side',
      comment:
        'A projection sees events through their types and codec; case-stream (load, append), the command executor and the cases module belong to the write side.',
      severity: 'error',
      from: { path: ['^src/projections/', '\\.projection\\.ts$'], pathNot: TEST_CODE },
      to: { path: '^src/cases/', pathNot: CASES_FOR_READERS },
    },
    {
      name: 'projection-runtime-knows-no-concrete-projection',
      comment:
        'The runtime runs whatever projections it is given: it never imports app.module, the read-models registry or a concrete projection.',
      severity: 'error',
      from: { path: '^src/projections/runtime/', pathNot: TEST_CODE },
      to: {
        path: [
          '^src/app\\.module\\.ts$',
          '^src/projections/read-models\\.registry\\.ts$',
          '^src/projections/(case-history|oversight|step-timeline|work-queue)/',
          '\\.projection\\.ts$',
          '\\.read-model\\.ts$',
        ],
      },
    },
    {
      name: 'service-imports-no-test-code',
      comment: 'Production code never imports tests, test doubles, contract suites, fixtures or benchmarks (they are not in dist/).',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST_CODE },
      to: { path: TEST_CODE },
    },
    {
      name: 'no-circular',
      comment:
        'Modules that load each other cannot be understood or loaded one at a time. Type-only imports load nothing, so a cycle through one is left alone.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only', 'pre-compilation-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: "imports only regulation types" is about them too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    skipAnalysisNotInRules: true,
  },
};
