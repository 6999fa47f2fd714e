#!/usr/bin/env node
// The `agentflow` command. The CLI is TypeScript, built to ../dist by `npm run build` (run by `npm install`).
let cli;
try {
  cli = await import('../dist/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/main.js')) throw error;
  process.stderr.write('agentflow: the CLI is not built yet; run `npm run build` in the repository root\n');
  process.exit(2);
}
await cli.runCli();
