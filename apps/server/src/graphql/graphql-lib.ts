import { createRequire } from 'node:module';

/**
 * `graphql` exactly as mercurius loads it (CommonJS). A bundler or test runner may resolve `import 'graphql'` to
 * the package's ESM build instead, a second copy whose classes fail graphql's instanceof checks ("Cannot use
 * GraphQLScalarType from another module or realm"); loading it this way there is only ever one copy.
 */
export const graphql: typeof import('graphql') = createRequire(import.meta.url)('graphql');
