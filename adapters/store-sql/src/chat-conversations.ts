/**
 * Chat conversations (issue 19 item 3; tables `chat_conversations`, `chat_messages`, migration 0016). A
 * conversation belongs to one workflow of one workspace; every read and write names the workspace, so an id from
 * another workspace is not found. A turn (`startTurn`) is one transaction: it locks the conversation row, refuses
 * while a reply is still pending, reserves two seqs (the user's message and the reply), stores the user's message
 * and a `pending` reply bound to the execution that will produce it, and returns the history before it.
 */
import { AgentFlowError } from '@agentflow/protocol';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { chatConversations as conversations, chatMessages as messages } from './schema-triggers.js';

export type ConversationSource = 'app' | 'embed';
export type ChatRole = 'user' | 'assistant';
export type ChatMessageStatus = 'pending' | 'succeeded' | 'failed';

export interface ConversationRecord {
  id: string;
  workspaceId: string;
  workflowId: string;
  title: string;
  source: ConversationSource;
  createdBy?: string;
  triggerId?: string;
  messageCount: number;
  createdAt: number;
  updatedAt: number;
}

export interface ChatMessageRecord {
  conversationId: string;
  seq: number;
  role: ChatRole;
  content: string;
  status: ChatMessageStatus;
  executionId?: string;
  error?: { code: string; message: string };
  createdAt: number;
  completedAt?: number;
}

export interface StartTurnInput {
  workspaceId: string;
  conversationId: string;
  content: string;
  /** The execution that will produce the reply (its id chosen before it starts). */
  executionId: string;
  /** How many earlier messages (succeeded ones, oldest first) to return as history. */
  historyLimit: number;
}

export interface StartedTurn {
  user: ChatMessageRecord;
  reply: ChatMessageRecord;
  /** Earlier succeeded messages, oldest first, at most `historyLimit`. */
  history: ChatMessageRecord[];
}

export interface ConversationRepository {
  createConversation(input: {
    id: string;
    workspaceId: string;
    workflowId: string;
    title: string;
    source: ConversationSource;
    createdBy?: string;
    triggerId?: string;
  }): Promise<ConversationRecord>;
  getConversation(workspaceId: string, id: string): Promise<ConversationRecord | undefined>;
  /** The workflow's conversations, most recently active first; `before` pages by `updatedAt` (ms). */
  listConversations(
    workspaceId: string,
    workflowId: string,
    query?: { source?: ConversationSource; triggerId?: string; limit?: number; before?: number },
  ): Promise<ConversationRecord[]>;
  /** Deletes a conversation and its messages; false when there was none. */
  deleteConversation(workspaceId: string, id: string): Promise<boolean>;
  /** Starts a turn (see the module comment). AF_NOT_FOUND, or AF_CONFLICT while a reply is pending. */
  startTurn(input: StartTurnInput): Promise<StartedTurn>;
  /** Settles a pending reply; undefined when it was not pending (settled already, or gone). */
  completeReply(
    workspaceId: string,
    executionId: string,
    outcome:
      | { status: 'succeeded'; content: string }
      | { status: 'failed'; error: { code: string; message: string } },
  ): Promise<ChatMessageRecord | undefined>;
  /** The conversation's messages in seq order (at most `limit`, the newest ones; `before` pages by seq). */
  listMessages(
    workspaceId: string,
    conversationId: string,
    query?: { limit?: number; before?: number },
  ): Promise<ChatMessageRecord[]>;
  /** The reply a given execution produces (or produced). */
  findReplyByExecution(workspaceId: string, executionId: string): Promise<ChatMessageRecord | undefined>;
}

type ConversationRow = typeof conversations.$inferSelect;
type MessageRow = typeof messages.$inferSelect;

function toConversation(row: ConversationRow): ConversationRecord {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    workflowId: row.workflowId,
    title: row.title,
    source: row.source as ConversationSource,
    ...(row.createdBy ? { createdBy: row.createdBy } : {}),
    ...(row.triggerId ? { triggerId: row.triggerId } : {}),
    messageCount: row.messageCount,
    createdAt: row.createdAt.getTime(),
    updatedAt: row.updatedAt.getTime(),
  };
}

function toMessage(row: MessageRow): ChatMessageRecord {
  return {
    conversationId: row.conversationId,
    seq: row.seq,
    role: row.role as ChatRole,
    content: row.content,
    status: row.status as ChatMessageStatus,
    ...(row.executionId ? { executionId: row.executionId } : {}),
    ...(row.error ? { error: row.error as { code: string; message: string } } : {}),
    createdAt: row.createdAt.getTime(),
    ...(row.completedAt ? { completedAt: row.completedAt.getTime() } : {}),
  };
}

const clampLimit = (limit: number | undefined, max: number, fallback: number) =>
  Math.max(1, Math.min(max, Math.trunc(limit ?? fallback)));

export function createConversationRepository(db: Db): ConversationRepository {
  return {
    async createConversation(input) {
      const [row] = await db
        .insert(conversations)
        .values({
          id: input.id,
          workspaceId: input.workspaceId,
          workflowId: input.workflowId,
          title: input.title,
          source: input.source,
          createdBy: input.createdBy ?? null,
          triggerId: input.triggerId ?? null,
        })
        .returning();
      return toConversation(row!);
    },

    async getConversation(workspaceId, id) {
      const [row] = await db
        .select()
        .from(conversations)
        .where(and(eq(conversations.id, id), eq(conversations.workspaceId, workspaceId)));
      return row ? toConversation(row) : undefined;
    },

    async listConversations(workspaceId, workflowId, query = {}) {
      const where = [eq(conversations.workspaceId, workspaceId), eq(conversations.workflowId, workflowId)];
      if (query.source) where.push(eq(conversations.source, query.source));
      if (query.triggerId) where.push(eq(conversations.triggerId, query.triggerId));
      if (query.before !== undefined) where.push(lt(conversations.updatedAt, new Date(query.before)));
      const rows = await db
        .select()
        .from(conversations)
        .where(and(...where))
        .orderBy(desc(conversations.updatedAt), desc(conversations.id))
        .limit(clampLimit(query.limit, 200, 50));
      return rows.map(toConversation);
    },

    async deleteConversation(workspaceId, id) {
      const rows = await db
        .delete(conversations)
        .where(and(eq(conversations.id, id), eq(conversations.workspaceId, workspaceId)))
        .returning({ id: conversations.id });
      return rows.length > 0;
    },

    async startTurn(input) {
      return db.transaction(async (t) => {
        const tx = t as unknown as Db;
        const [conversation] = await tx
          .select()
          .from(conversations)
          .where(
            and(eq(conversations.id, input.conversationId), eq(conversations.workspaceId, input.workspaceId)),
          )
          .for('update');
        if (!conversation) throw new AgentFlowError('AF_NOT_FOUND', 'no such conversation');
        const [pending] = await tx
          .select({ seq: messages.seq })
          .from(messages)
          .where(and(eq(messages.conversationId, conversation.id), eq(messages.status, 'pending')))
          .limit(1);
        if (pending) {
          throw new AgentFlowError(
            'AF_CONFLICT',
            'the previous reply of this conversation is still being written',
            {
              issues: [
                { code: 'AF_CONFLICT', path: 'conversationId', message: 'wait for the pending reply' },
              ],
            },
          );
        }
        const history = await tx
          .select()
          .from(messages)
          .where(and(eq(messages.conversationId, conversation.id), eq(messages.status, 'succeeded')))
          .orderBy(desc(messages.seq))
          .limit(Math.max(0, Math.trunc(input.historyLimit)));
        const seq = conversation.messageCount;
        await tx
          .update(conversations)
          .set({ messageCount: seq + 2, updatedAt: new Date() })
          .where(eq(conversations.id, conversation.id));
        const inserted = await tx
          .insert(messages)
          .values([
            {
              conversationId: conversation.id,
              seq,
              workspaceId: input.workspaceId,
              role: 'user',
              content: input.content,
              status: 'succeeded',
              executionId: input.executionId,
              completedAt: new Date(),
            },
            {
              conversationId: conversation.id,
              seq: seq + 1,
              workspaceId: input.workspaceId,
              role: 'assistant',
              content: '',
              status: 'pending',
              executionId: input.executionId,
            },
          ])
          .returning();
        const [user, reply] = inserted.sort((a, b) => a.seq - b.seq).map(toMessage);
        return { user: user!, reply: reply!, history: history.reverse().map(toMessage) };
      });
    },

    async completeReply(workspaceId, executionId, outcome) {
      const rows = await db
        .update(messages)
        .set(
          outcome.status === 'succeeded'
            ? { status: 'succeeded', content: outcome.content, completedAt: new Date() }
            : { status: 'failed', error: outcome.error, completedAt: new Date() },
        )
        .where(
          and(
            eq(messages.workspaceId, workspaceId),
            eq(messages.executionId, executionId),
            eq(messages.role, 'assistant'),
            eq(messages.status, 'pending'),
          ),
        )
        .returning();
      const row = rows[0];
      if (!row) return undefined;
      await db
        .update(conversations)
        .set({ updatedAt: sql`now()` })
        .where(eq(conversations.id, row.conversationId));
      return toMessage(row);
    },

    async listMessages(workspaceId, conversationId, query = {}) {
      const where = [eq(messages.workspaceId, workspaceId), eq(messages.conversationId, conversationId)];
      if (query.before !== undefined) where.push(lt(messages.seq, query.before));
      const rows = await db
        .select()
        .from(messages)
        .where(and(...where))
        .orderBy(desc(messages.seq))
        .limit(clampLimit(query.limit, 1000, 200));
      return rows.reverse().map(toMessage);
    },

    async findReplyByExecution(workspaceId, executionId) {
      const [row] = await db
        .select()
        .from(messages)
        .where(
          and(
            eq(messages.workspaceId, workspaceId),
            eq(messages.executionId, executionId),
            eq(messages.role, 'assistant'),
          ),
        );
      return row ? toMessage(row) : undefined;
    },
  };
}
