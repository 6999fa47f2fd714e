/**
 * Layer rules of the monorepo (ARCHITECTURE.md §2): protocol <- core <- adapters <- runtime <- apps.
 * Run: `npx depcruise --config .dependency-cruiser.cjs packages apps adapters`.
 *
 * Imports are resolved through tsconfig.json (`paths` maps `@agentflow/*` to sources; `.js` specifiers resolve
 * to the `.ts` files next to them), so a workspace package name and a relative path count the same.
 * Type-only imports count too: a type import of an adapter from core is still a layering mistake.
 * Test code may use packages/testing and node built-ins; the cycle check covers it all the same.
 */

/**
 * Test code: what the packages' tsconfig files keep out of the build (`*.test.ts`, `*.suite.ts`, `*.fixture.ts`,
 * `src/test-support`). Exempt from the "what may I import" rules where tests need helpers, never from the cycle
 * check. Other helpers under `src` ship in the build and follow the rules of their layer.
 */
const TESTS = '(\\.(test|suite|fixture)\\.ts$|/src/test-support(/|\\.ts$))';

/** Node built-ins and libraries that do I/O. Core must stay free of them (everything outside comes in by a port). */
const IO_LIBRARIES = [
  'pg',
  'pg-[^/]+',
  'postgres',
  '@electric-sql/pglite',
  'drizzle-orm',
  'drizzle-kit',
  'ioredis',
  'redis',
  'bullmq',
  'fastify',
  '@fastify/[^/]+',
  'mercurius',
  'ai',
  '@ai-sdk/[^/]+',
  'ollama-ai-provider-v2',
  '@modelcontextprotocol/[^/]+',
  'undici',
  'node-fetch',
  'axios',
  'ws',
  'pino',
  'prom-client',
  '@opentelemetry/[^/]+',
  'quickjs-emscripten',
  '@node-rs/[^/]+',
];
const IO_LIBRARY_PATH = `(^|/)node_modules/(${IO_LIBRARIES.join('|')})/`;

/** The only npm packages core may import (mirrors the allow-list in packages/core/src/no-io.test.ts). */
const CORE_NPM_ALLOW = ['zod', '@marcbachmann/cel-js', '@cfworker/json-schema', 're2js'];

const NPM_TYPES = ['npm', 'npm-dev', 'npm-peer', 'npm-optional', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make load order fragile. Break the cycle (move the shared part down a layer).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'This import resolves to nothing: add the package to package.json or fix the path.',
      // bin/ launchers import the build output (../dist), which need not exist when lint runs before a build.
      from: { pathNot: '^apps/[^/]+/bin/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'no-import-of-build-output',
      severity: 'error',
      comment:
        "A workspace import resolved to another package's dist/: add the package to tsconfig.json `paths` (and " +
        'workspace-aliases.ts) so tools and tests see its sources.',
      from: { pathNot: '^apps/[^/]+/bin/' },
      to: { path: '^(packages|adapters|apps)/[^/]+/dist/' },
    },
    {
      name: 'protocol-imports-nothing-of-ours',
      severity: 'error',
      comment:
        'packages/protocol is the bottom layer: it may import npm packages (zod) but no other workspace.',
      from: { path: '^packages/protocol/' },
      to: { path: '^(packages/(?!protocol/)[^/]+|adapters|apps)/' },
    },
    {
      name: 'core-imports-only-protocol',
      severity: 'error',
      comment: 'packages/core depends on packages/protocol only (never adapters, runtime, client or apps).',
      from: { path: '^packages/core/', pathNot: TESTS },
      to: { path: '^(packages/(?!protocol/|core/)[^/]+|adapters|apps)/' },
    },
    {
      name: 'core-tests-import-only-protocol-and-testing',
      severity: 'error',
      comment: 'Core tests may use packages/testing helpers, but nothing above core.',
      from: { path: `^packages/core/.*${TESTS}` },
      to: { path: '^(packages/(?!protocol/|core/|testing/)[^/]+|adapters|apps)/' },
    },
    {
      name: 'core-no-node-builtins',
      severity: 'error',
      comment:
        'packages/core runs anywhere and does no I/O: no node built-ins (use globalThis APIs or a port).',
      from: { path: '^packages/core/', pathNot: TESTS },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-no-io-libraries',
      severity: 'error',
      comment:
        'packages/core does no I/O: databases, queues, HTTP, model SDKs belong in adapters behind a port.',
      from: { path: '^packages/core/', pathNot: TESTS },
      to: { path: IO_LIBRARY_PATH },
    },
    {
      name: 'core-npm-allow-list',
      severity: 'error',
      comment: `packages/core may import only these npm packages: ${CORE_NPM_ALLOW.join(', ')}.`,
      from: { path: '^packages/core/', pathNot: TESTS },
      to: {
        dependencyTypes: NPM_TYPES,
        pathNot: `(^|/)node_modules/(${CORE_NPM_ALLOW.join('|')})/`,
      },
    },
    {
      name: 'testing-imports-only-protocol-and-core',
      severity: 'error',
      comment:
        'packages/testing (fakes, contract suites) sits on protocol and core; adapters import it, not the reverse.',
      from: { path: '^packages/testing/' },
      to: { path: '^(packages/(?!protocol/|core/|testing/)[^/]+|adapters|apps)/' },
    },
    {
      name: 'client-imports-only-protocol',
      severity: 'error',
      comment: 'packages/client is the typed HTTP/WebSocket client: protocol only.',
      from: { path: '^packages/client/' },
      to: { path: '^(packages/(?!protocol/|client/)[^/]+|adapters|apps)/' },
    },
    {
      name: 'runtime-not-to-apps',
      severity: 'error',
      comment: 'packages/runtime is the composition root under the apps; apps import it, not the reverse.',
      from: { path: '^packages/runtime/' },
      to: { path: '^apps/' },
    },
    {
      name: 'runtime-no-drizzle',
      severity: 'error',
      comment:
        'The runtime reaches the store through store-sql repositories (ARCHITECTURE.md §2, issue 18 item 2): SQL ' +
        'and Drizzle queries live in adapters/store-sql/src, one module per concept; tests may query directly.',
      from: { path: '^packages/runtime/src/', pathNot: TESTS },
      to: { path: '(^|/)node_modules/drizzle-orm/' },
    },
    {
      name: 'adapters-import-only-protocol-and-core',
      severity: 'error',
      comment:
        'An adapter implements a core port: it may import protocol and core, not runtime, client or apps.',
      // Sources only: scripts beside src/ (benchmarks, drizzle.config.ts) are tooling and never built or shipped.
      from: { path: '^adapters/[^/]+/src/', pathNot: TESTS },
      to: { path: '^(packages/(?!protocol/|core/)[^/]+|apps)/' },
    },
    {
      name: 'adapter-tests-import-only-protocol-core-testing',
      severity: 'error',
      comment: 'Adapter tests may use packages/testing (contract suites, fakes), but nothing above.',
      from: { path: `^adapters/.*${TESTS}` },
      to: { path: '^(packages/(?!protocol/|core/|testing/)[^/]+|apps)/' },
    },
    {
      name: 'adapters-not-each-other',
      severity: 'error',
      comment:
        'Adapters are independent: one adapter never imports another (compose them in packages/runtime).',
      from: { path: '^adapters/([^/]+)/' },
      to: { path: '^adapters/', pathNot: '^adapters/$1/' },
    },
    {
      name: 'web-imports-only-protocol-and-client',
      severity: 'error',
      comment:
        'apps/web talks to the server over HTTP: it imports protocol and client, never core, runtime or server. ' +
        'Its end-to-end tests (apps/web/e2e) start a real server and fake providers, so they may use packages/testing.',
      from: { path: '^apps/web/', pathNot: '^apps/web/e2e/' },
      to: { path: '^(packages/(?!protocol/|client/)[^/]+|adapters|apps/(?!web/)[^/]+)/' },
    },
    {
      name: 'server-composes-nothing',
      severity: 'error',
      comment:
        'packages/runtime is the one composition root: apps/server gets the engine, node types, tool host and stores ' +
        'from the runtime and never imports core or an adapter to build one (tests may, to set up fixtures).',
      from: { path: '^apps/server/src/', pathNot: TESTS },
      to: { path: '^(packages/(core|testing)|adapters)/' },
    },
    {
      name: 'apps-not-each-other',
      severity: 'error',
      comment:
        'Apps are separate entry points; share code through packages/runtime or packages/client. One exception: ' +
        'the CLI starts the server (`agentflow start`), through its public entry point only.',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: ['^apps/$1/', '^apps/server/src/index\\.ts$'] },
    },
  ],
  options: {
    // Build output is not cruised, but imports that reach it stay visible (see no-import-of-build-output).
    doNotFollow: { path: ['(^|/)node_modules/', '^(packages|adapters|apps)/[^/]+/(dist|coverage)/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
