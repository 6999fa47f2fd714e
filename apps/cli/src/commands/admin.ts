import { checkPlan } from '@agentflow/runtime';
import { openRuntime } from '../engine-setup.js';
import { EXIT } from '../errors.js';
import type { CliContext } from '../io.js';

/**
 * `agentflow admin set-plan <workspace> <plan>`: the operator changes a workspace's plan directly in the store
 * (the data directory, or DATABASE_URL), audited as a system action (`workspace.plan_change`). An embedded data
 * directory is locked by a running server: use the admin API (`PUT /api/v1/admin/workspaces/:id/plan`) there. With
 * PostgreSQL, running API processes apply the new plan's limits within the principal cache's 5 s.
 */
export async function setPlanCommand(
  workspaceId: string,
  plan: string,
  options: { dataDir?: string },
  io: CliContext,
): Promise<number> {
  const next = checkPlan(plan);
  const runtime = await openRuntime(options, io);
  try {
    const ws = await runtime.tenancy.workspaces.setPlan(workspaceId, next);
    io.stdout.write(`workspace ${ws.id} (${ws.name}) is now on the ${ws.plan} plan\n`);
    return EXIT.ok;
  } finally {
    await runtime.close();
  }
}

/** `agentflow admin workspaces`: every workspace with its plan (id, plan, name), to find the one to change. */
export async function listWorkspacesCommand(
  options: { dataDir?: string; json?: boolean },
  io: CliContext,
): Promise<number> {
  const runtime = await openRuntime(options, io);
  try {
    const all = [];
    let cursor: string | undefined;
    do {
      const page = await runtime.tenancy.workspaces.listAll({
        limit: 500,
        ...(cursor ? { cursor } : {}),
      });
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    if (options.json) io.stdout.write(`${JSON.stringify(all)}\n`);
    else for (const ws of all) io.stdout.write(`${ws.id}\t${ws.plan}\t${ws.name}\n`);
    return EXIT.ok;
  } finally {
    await runtime.close();
  }
}
