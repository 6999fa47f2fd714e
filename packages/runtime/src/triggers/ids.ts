/**
 * Trigger ids and the deterministic execution ids of trigger firings (ARCHITECTURE.md §11d, "exactly once by
 * construction"): a schedule tick or a workflow event always maps to the same execution id.
 */
import { randomBytes } from 'node:crypto';

/** Unguessable: the webhook's URL is `/hooks/<id>`. */
export const newTriggerId = () => `trg_${randomBytes(24).toString('base64url')}`;

/** The deterministic execution id of a schedule tick, or of a workflow event's source execution. */
export const tickExecutionId = (triggerId: string, tick: number) => `exe_s_${triggerId.slice(4)}_${tick}`;
export const eventExecutionId = (triggerId: string, sourceExecutionId: string) =>
  `exe_e_${triggerId.slice(4)}_${sourceExecutionId}`.slice(0, 200);
