import { defineConfig } from 'drizzle-kit';

/** drizzle-kit configuration: `npm run db:generate -w @agentflow/store-sql` writes SQL migrations to ./drizzle. */
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/schema.ts', './src/tenancy-schema.ts'],
  out: './drizzle',
  strict: true,
  verbose: true,
});
