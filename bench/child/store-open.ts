/**
 * Opens the embedded store on a directory in this fresh process and prints how long `createPgliteStore` took
 * (a fresh process: nothing of PGlite compiled or cached yet, as when `agentflow start` opens it).
 * Args (JSON): { dir }.
 */
import { createPgliteStore } from '@agentflow/store-sql/pglite';

const { dir } = JSON.parse(process.argv[2] ?? '{}') as { dir: string };
const started = performance.now();
const store = await createPgliteStore({ dataDir: dir });
const ms = performance.now() - started;
await store.close();
console.log(JSON.stringify({ ms }));
