/**
 * Behaviour of the chat conversation repository (chat-conversations.ts), run on PGlite
 * (chat-conversations.test.ts) and on PostgreSQL (chat-conversations.int.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type ConversationRepository, createConversationRepository } from './chat-conversations.js';
import type { SqlStore } from './sql-store.js';
import { createTenancyRepositories } from './tenancy.js';

export function defineConversationTests(getStore: () => SqlStore): void {
  let repo: ConversationRepository | undefined;
  const chats = () => {
    repo ??= createConversationRepository(getStore().db);
    return repo;
  };
  const rand = () => randomBytes(6).toString('hex');

  async function workspace() {
    const repos = createTenancyRepositories(getStore().db);
    const user = await repos.users.createUser({
      email: `c${rand()}@example.com`,
      passwordHash: '$argon2id$x',
    });
    const ws = await repos.workspaces.createWorkspace({ name: 'chat', ownerId: user.id });
    return { userId: user.id, workspaceId: ws.id };
  }

  async function conversation(workspaceId: string, workflowId = 'wf_chat', extra = {}) {
    return chats().createConversation({
      id: `cnv_${rand()}`,
      workspaceId,
      workflowId,
      title: 'Hello',
      source: 'app',
      ...extra,
    });
  }

  describe('chat conversations', () => {
    it('keeps the turns in order and returns the history before each turn', async () => {
      const { workspaceId, userId } = await workspace();
      const c = await conversation(workspaceId, 'wf_chat', { createdBy: userId });
      expect(c).toMatchObject({ source: 'app', createdBy: userId, messageCount: 0 });

      const first = await chats().startTurn({
        workspaceId,
        conversationId: c.id,
        content: 'hi',
        executionId: `exe_${rand()}`,
        historyLimit: 10,
      });
      expect(first.history).toEqual([]);
      expect(first.user).toMatchObject({ seq: 0, role: 'user', content: 'hi', status: 'succeeded' });
      expect(first.reply).toMatchObject({ seq: 1, role: 'assistant', content: '', status: 'pending' });

      const done = await chats().completeReply(workspaceId, first.reply.executionId!, {
        status: 'succeeded',
        content: 'hello there',
      });
      expect(done).toMatchObject({ seq: 1, status: 'succeeded', content: 'hello there' });
      // Settled once: a second completion changes nothing.
      expect(
        await chats().completeReply(workspaceId, first.reply.executionId!, {
          status: 'failed',
          error: { code: 'AF_INTERNAL', message: 'late' },
        }),
      ).toBeUndefined();

      const second = await chats().startTurn({
        workspaceId,
        conversationId: c.id,
        content: 'and again',
        executionId: `exe_${rand()}`,
        historyLimit: 10,
      });
      expect(second.history.map((m) => [m.role, m.content])).toEqual([
        ['user', 'hi'],
        ['assistant', 'hello there'],
      ]);
      expect(second.user.seq).toBe(2);

      const messages = await chats().listMessages(workspaceId, c.id);
      expect(messages.map((m) => [m.seq, m.role, m.status])).toEqual([
        [0, 'user', 'succeeded'],
        [1, 'assistant', 'succeeded'],
        [2, 'user', 'succeeded'],
        [3, 'assistant', 'pending'],
      ]);
      expect(await chats().findReplyByExecution(workspaceId, second.reply.executionId!)).toMatchObject({
        seq: 3,
      });
    });

    it('refuses a turn while the reply is pending, and leaves failed replies out of the history', async () => {
      const { workspaceId } = await workspace();
      const c = await conversation(workspaceId);
      const turn = { workspaceId, conversationId: c.id, content: 'q', historyLimit: 10 };
      const first = await chats().startTurn({ ...turn, executionId: `exe_${rand()}` });
      await expect(chats().startTurn({ ...turn, executionId: `exe_${rand()}` })).rejects.toMatchObject({
        code: 'AF_CONFLICT',
      });
      await chats().completeReply(workspaceId, first.reply.executionId!, {
        status: 'failed',
        error: { code: 'AF_MODEL_ERROR', message: 'down' },
      });
      const next = await chats().startTurn({ ...turn, content: 'q2', executionId: `exe_${rand()}` });
      expect(next.history.map((m) => m.content)).toEqual(['q']);
      const failed = (await chats().listMessages(workspaceId, c.id))[1];
      expect(failed).toMatchObject({ status: 'failed', error: { code: 'AF_MODEL_ERROR', message: 'down' } });
    });

    it('two concurrent turns on one conversation: one starts, the other is refused', async () => {
      const { workspaceId } = await workspace();
      const c = await conversation(workspaceId);
      const results = await Promise.allSettled(
        [1, 2].map((i) =>
          chats().startTurn({
            workspaceId,
            conversationId: c.id,
            content: `m${i}`,
            executionId: `exe_${rand()}`,
            historyLimit: 5,
          }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'AF_CONFLICT' } });
      expect(await chats().listMessages(workspaceId, c.id)).toHaveLength(2);
    });

    it('limits the history to the newest messages', async () => {
      const { workspaceId } = await workspace();
      const c = await conversation(workspaceId);
      for (let i = 0; i < 4; i++) {
        const t = await chats().startTurn({
          workspaceId,
          conversationId: c.id,
          content: `u${i}`,
          executionId: `exe_${rand()}`,
          historyLimit: 3,
        });
        await chats().completeReply(workspaceId, t.reply.executionId!, {
          status: 'succeeded',
          content: `a${i}`,
        });
      }
      const last = await chats().startTurn({
        workspaceId,
        conversationId: c.id,
        content: 'u4',
        executionId: `exe_${rand()}`,
        historyLimit: 3,
      });
      expect(last.history.map((m) => m.content)).toEqual(['a2', 'u3', 'a3']);
    });

    it('is scoped to its workspace and lists per workflow, most recent first', async () => {
      const a = await workspace();
      const b = await workspace();
      const c1 = await conversation(a.workspaceId, 'wf_1');
      const c2 = await conversation(a.workspaceId, 'wf_1', { source: 'embed', triggerId: 'trg_x' });
      await conversation(a.workspaceId, 'wf_2');
      expect(await chats().getConversation(b.workspaceId, c1.id)).toBeUndefined();
      expect(await chats().listMessages(b.workspaceId, c1.id)).toEqual([]);
      await expect(
        chats().startTurn({
          workspaceId: b.workspaceId,
          conversationId: c1.id,
          content: 'x',
          executionId: `exe_${rand()}`,
          historyLimit: 1,
        }),
      ).rejects.toMatchObject({ code: 'AF_NOT_FOUND' });
      await chats().startTurn({
        workspaceId: a.workspaceId,
        conversationId: c1.id,
        content: 'x',
        executionId: `exe_${rand()}`,
        historyLimit: 1,
      });
      const listed = await chats().listConversations(a.workspaceId, 'wf_1');
      expect(listed.map((c) => c.id)).toEqual([c1.id, c2.id]);
      expect(
        (await chats().listConversations(a.workspaceId, 'wf_1', { source: 'embed' })).map((c) => c.id),
      ).toEqual([c2.id]);
      expect(await chats().listConversations(b.workspaceId, 'wf_1')).toEqual([]);
      expect(await chats().deleteConversation(b.workspaceId, c1.id)).toBe(false);
      expect(await chats().deleteConversation(a.workspaceId, c1.id)).toBe(true);
      expect(await chats().listMessages(a.workspaceId, c1.id)).toEqual([]);
    });
  });
}
