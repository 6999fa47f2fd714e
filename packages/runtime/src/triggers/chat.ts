/**
 * Chat (issue 19 item 3): a workflow whose input is a message, opened as a conversation. Each user message is a
 * turn: the message and a pending reply are stored (one transaction, with the history before it), then an
 * execution starts with `ChatInput` ({message, conversationId, history}) as its input; when it ends, the reply
 * (its output as text, `chatReplyText`) or its error is stored, whether or not anyone still listens. Streaming
 * the tokens is the server's part (it follows the execution's `step.token` events).
 *
 * Two doors: signed-in members (`workflow:execute`, any workflow of theirs, drafts included: `via: 'api'`), and
 * the public embed of a chat trigger (`/chat/<token>`: the trigger enabled, the workflow active (`via:
 * 'trigger'`), rate-limited per trigger and per workspace, the message size capped, each execution counted
 * against the plan by the gate and recorded in `trigger_firings`). An unknown token and a disabled trigger look
 * the same (404): the embed does not say whether a token ever existed.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Logger, RunResult } from '@agentflow/core';
import {
  AgentFlowError,
  type ChatConfig,
  type ChatInput,
  type ChatMessageView,
  type ConversationView,
  chatReplyText,
  type ExecutionStatus,
  isAgentFlowError,
  TERMINAL_STATUSES,
} from '@agentflow/protocol';
import type { TriggerFiringRepository, TriggerRecord, TriggerRepository } from '@agentflow/store-sql';
import {
  type ChatMessageRecord,
  type ConversationRecord,
  type ConversationRepository,
  guardStoreErrors,
} from '@agentflow/store-sql/tenancy';
import { authorize } from '../auth/authorize.js';
import type { Principal } from '../auth/permissions.js';
import type { RateLimiter, RateRule } from '../auth/rate-limit.js';
import type { WorkflowService } from '../services.js';

/** Embed messages per workspace over all its chat triggers. */
export const CHAT_WORKSPACE_LIMIT: RateRule = { limit: 300, windowMs: 60_000 };
/** The longest message a signed-in member may send, in characters. */
export const CHAT_APP_MAX_CHARS = 32_000;
/** Earlier messages passed to a signed-in member's turns. */
export const CHAT_APP_HISTORY = 50;

export const newConversationId = () => `cnv_${randomBytes(24).toString('base64url')}`;
export const newChatExecutionId = () => `exe_c_${randomBytes(16).toString('base64url')}`;
export const hashChatToken = (token: string) =>
  createHash('sha256').update(token, 'utf8').digest('base64url');

export interface ChatSendInput {
  conversationId?: string;
  message: string;
}

export interface ChatTurn {
  conversation: ConversationView;
  executionId: string;
  user: ChatMessageView;
  /** Settles (never rejects) once the execution ended and the reply is stored. */
  reply: Promise<ChatMessageView>;
}

export interface ChatHooks {
  /** Called with the execution's id just before it starts (subscribe to its events here). */
  beforeStart?(executionId: string, workflowId: string): void;
}

/** What the public embed shows before the first message. */
export interface EmbedInfo {
  title: string;
  greeting?: string;
  maxMessageChars: number;
  frameAncestors: string[];
}

export interface ChatDeps {
  /** The conversations and their messages (`createConversationRepository` of @agentflow/store-sql/tenancy). */
  conversations: ConversationRepository;
  /** Finds a chat trigger by its share token's hash. */
  triggers: Pick<TriggerRepository, 'findChatByTokenHash'>;
  /** Records what each embed message started. */
  firings: Pick<TriggerFiringRepository, 'record'>;
  limiter: Pick<RateLimiter, 'hit'>;
  workflows: Pick<WorkflowService, 'execute' | 'get'>;
  /** A stale pending reply's execution status (reconciling after a restart). */
  statusOf(executionId: string): Promise<string | undefined>;
  now: () => number;
  logger?: Logger;
  /** (Default: CHAT_WORKSPACE_LIMIT) */
  workspaceLimit?: RateRule;
}

export function conversationView(c: ConversationRecord): ConversationView {
  return {
    id: c.id,
    workflowId: c.workflowId,
    title: c.title,
    source: c.source,
    messageCount: c.messageCount,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export const messageView = (m: ChatMessageRecord): ChatMessageView => ({ ...m });

function badMessage(message: unknown, maxChars: number): string {
  if (typeof message !== 'string' || message.trim() === '') {
    throw new AgentFlowError('AF_VALIDATION', 'a chat message is a non-empty text', {
      issues: [{ code: 'AF_VALIDATION', path: 'message', message: 'required: a non-empty string' }],
    });
  }
  if (message.length > maxChars) {
    throw new AgentFlowError('AF_INPUT_TOO_LARGE', `a chat message is at most ${maxChars} characters`, {
      issues: [{ code: 'AF_INPUT_TOO_LARGE', path: 'message', message: `at most ${maxChars} characters` }],
    });
  }
  return message;
}

function titleOf(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

function outcomeOf(result: RunResult) {
  if (result.status === 'succeeded')
    return { status: 'succeeded' as const, content: chatReplyText(result.output) };
  const error =
    result.status === 'paused'
      ? {
          code: 'AF_CONFLICT',
          message: 'the workflow paused (waiting for a person); chat needs one run per reply',
        }
      : result.error
        ? { code: result.error.code, message: result.error.message }
        : { code: 'AF_INTERNAL', message: `the execution ended ${result.status}` };
  return { status: 'failed' as const, error };
}

export function createChat(deps: ChatDeps) {
  const { limiter, firings } = deps;
  const repo: ConversationRepository = guardStoreErrors(deps.conversations);
  const workspaceLimit = deps.workspaceLimit ?? CHAT_WORKSPACE_LIMIT;

  /** Pending replies whose execution ended without this process storing them (a restart): settled as failed. */
  async function reconcile(workspaceId: string, conversationId: string) {
    const recent = await repo.listMessages(workspaceId, conversationId, { limit: 4 });
    for (const m of recent) {
      if (m.status !== 'pending' || !m.executionId) continue;
      const status = await deps.statusOf(m.executionId);
      if (status !== undefined && !TERMINAL_STATUSES.has(status as ExecutionStatus) && status !== 'paused')
        continue;
      await repo.completeReply(workspaceId, m.executionId, {
        status: 'failed',
        error: {
          code: 'AF_INTERNAL',
          message: `the reply was not recorded (the server stopped while execution ${m.executionId} ran)`,
        },
      });
    }
  }

  async function turn(
    target: { workspaceId: string; workflowId: string },
    conversation: ConversationRecord,
    message: string,
    historyLimit: number,
    via: 'api' | 'trigger',
    hooks: ChatHooks,
    triggerId?: string,
  ): Promise<ChatTurn> {
    const executionId = newChatExecutionId();
    const startTurn = () =>
      repo.startTurn({
        workspaceId: target.workspaceId,
        conversationId: conversation.id,
        content: message,
        executionId,
        historyLimit,
      });
    let started: Awaited<ReturnType<typeof startTurn>>;
    try {
      started = await startTurn();
    } catch (error) {
      if (!isAgentFlowError(error) || error.code !== 'AF_CONFLICT') throw error;
      await reconcile(target.workspaceId, conversation.id);
      started = await startTurn();
    }
    const input: ChatInput = {
      message,
      conversationId: conversation.id,
      history: started.history.map((m) => ({ role: m.role, content: m.content })),
    };
    const settle = (outcome: Parameters<ConversationRepository['completeReply']>[2]) =>
      repo
        .completeReply(target.workspaceId, executionId, outcome)
        .then(async (stored) => stored ?? (await repo.findReplyByExecution(target.workspaceId, executionId)));
    hooks.beforeStart?.(executionId, target.workflowId);
    let done: Promise<RunResult>;
    try {
      ({ done } = await deps.workflows.execute(
        target.workflowId,
        input,
        { workspaceId: target.workspaceId },
        { via, executionId },
      ));
    } catch (error) {
      // Not started (the gate, the input schema): the turn shows the refusal, and the caller gets the error.
      const info = isAgentFlowError(error)
        ? { code: error.code, message: error.message }
        : { code: 'AF_INTERNAL', message: 'the execution could not start' };
      await settle({ status: 'failed', error: info }).catch(() => undefined);
      throw error;
    }
    if (triggerId) {
      await firings.record({
        executionId,
        triggerId,
        workspaceId: target.workspaceId,
        workflowId: target.workflowId,
        kind: 'chat',
        status: 'started',
        startedAt: deps.now(),
      });
    }
    const reply = done
      .then(outcomeOf, (error: unknown) => ({
        status: 'failed' as const,
        error: isAgentFlowError(error)
          ? { code: error.code, message: error.message }
          : { code: 'AF_INTERNAL', message: 'the execution failed' },
      }))
      .then(settle)
      .then((stored) => messageView(stored ?? { ...started.reply, status: 'failed' }))
      .catch((error: unknown) => {
        deps.logger?.error('chat: storing a reply failed', { executionId, error: String(error) });
        return messageView({
          ...started.reply,
          status: 'failed',
          error: { code: 'AF_INTERNAL', message: 'the reply could not be stored' },
        });
      });
    return {
      conversation: conversationView({ ...conversation, messageCount: started.reply.seq + 1 }),
      executionId,
      user: messageView(started.user),
      reply,
    };
  }

  async function chatTrigger(token: string): Promise<TriggerRecord> {
    const row =
      typeof token === 'string' && token.length > 0 && token.length <= 200
        ? await deps.triggers.findChatByTokenHash(hashChatToken(token))
        : undefined;
    if (!row?.enabled) throw new AgentFlowError('AF_NOT_FOUND', 'no such chat');
    return row;
  }

  async function ownConversation(principal: Principal, id: string): Promise<ConversationRecord> {
    const conversation = await repo.getConversation(principal.workspaceId, id);
    if (!conversation) throw new AgentFlowError('AF_NOT_FOUND', `conversation ${id} not found`);
    return conversation;
  }

  return {
    /** The workflow's conversations (every member's and the embed's), most recently active first. */
    async list(
      principal: Principal,
      workflowId: string,
      query: { source?: 'app' | 'embed'; limit?: number; before?: number } = {},
    ): Promise<ConversationView[]> {
      authorize(principal, 'workflow:read');
      await deps.workflows.get(workflowId, { workspaceId: principal.workspaceId });
      return (await repo.listConversations(principal.workspaceId, workflowId, query)).map(conversationView);
    },
    async get(
      principal: Principal,
      id: string,
    ): Promise<{ conversation: ConversationView; messages: ChatMessageView[] }> {
      authorize(principal, 'workflow:read');
      const conversation = await ownConversation(principal, id);
      const messages = await repo.listMessages(principal.workspaceId, id, { limit: 1000 });
      return { conversation: conversationView(conversation), messages: messages.map(messageView) };
    },
    async remove(principal: Principal, id: string): Promise<void> {
      authorize(principal, 'workflow:execute');
      await ownConversation(principal, id);
      await repo.deleteConversation(principal.workspaceId, id);
    },
    /** A signed-in member's message to `workflowId` (a new conversation without `conversationId`). */
    async send(
      principal: Principal,
      workflowId: string,
      input: ChatSendInput,
      hooks: ChatHooks = {},
    ): Promise<ChatTurn> {
      authorize(principal, 'workflow:execute');
      const message = badMessage(input.message, CHAT_APP_MAX_CHARS);
      const { workspaceId } = principal;
      await deps.workflows.get(workflowId, { workspaceId });
      let conversation: ConversationRecord;
      if (input.conversationId !== undefined) {
        conversation = await ownConversation(principal, input.conversationId);
        if (conversation.workflowId !== workflowId) {
          throw new AgentFlowError('AF_VALIDATION', 'the conversation belongs to another workflow', {
            issues: [
              { code: 'AF_VALIDATION', path: 'conversationId', message: 'another workflow’s conversation' },
            ],
          });
        }
      } else {
        conversation = await repo.createConversation({
          id: newConversationId(),
          workspaceId,
          workflowId,
          title: titleOf(message),
          source: 'app',
          ...(principal.kind === 'user' && principal.userId ? { createdBy: principal.userId } : {}),
        });
      }
      return turn({ workspaceId, workflowId }, conversation, message, CHAT_APP_HISTORY, 'api', hooks);
    },
    /** The public embed's page data (404 unless the token's chat trigger is enabled). */
    async embed(token: string): Promise<EmbedInfo> {
      const row = await chatTrigger(token);
      const config = row.config as ChatConfig;
      let title = config.title;
      if (!title) {
        try {
          title = (await deps.workflows.get(row.workflowId, { workspaceId: row.workspaceId })).name;
        } catch {
          title = 'Chat';
        }
      }
      return {
        title,
        ...(config.greeting ? { greeting: config.greeting } : {}),
        maxMessageChars: config.maxMessageChars,
        frameAncestors: config.frameAncestors,
      };
    },
    /** A visitor's message through the public embed (a new conversation without `conversationId`). */
    async embedSend(token: string, input: ChatSendInput, hooks: ChatHooks = {}): Promise<ChatTurn> {
      const row = await chatTrigger(token);
      const config = row.config as ChatConfig;
      const message = badMessage(input.message, config.maxMessageChars);
      const target = { workspaceId: row.workspaceId, workflowId: row.workflowId };
      let conversation: ConversationRecord | undefined;
      if (input.conversationId !== undefined) {
        conversation = await repo.getConversation(row.workspaceId, input.conversationId);
        if (!conversation || conversation.triggerId !== row.id) {
          throw new AgentFlowError('AF_NOT_FOUND', 'no such conversation');
        }
      }
      for (const [key, rule] of [
        [`chat:${row.id}`, config.rateLimit],
        [`chatws:${row.workspaceId}`, workspaceLimit],
      ] as const) {
        const result = await limiter.hit(key, rule);
        if (!result.allowed) {
          throw new AgentFlowError(
            'AF_RATE_LIMITED',
            `too many chat messages (${rule.limit} per ${rule.windowMs / 1000} s)`,
            {
              retryAfterMs: Math.max(1, result.retryAfterMs),
              details: { reason: key.startsWith('chatws:') ? 'chat_workspace' : 'chat' },
            },
          );
        }
      }
      conversation ??= await repo.createConversation({
        id: newConversationId(),
        ...target,
        title: titleOf(message),
        source: 'embed',
        triggerId: row.id,
      });
      return turn(target, conversation, message, config.historyMessages, 'trigger', hooks, row.id);
    },
    /** A visitor's conversation (its id is the visitor's key; it must belong to this embed). */
    async embedConversation(
      token: string,
      id: string,
    ): Promise<{ conversation: ConversationView; messages: ChatMessageView[] }> {
      const row = await chatTrigger(token);
      const conversation = await repo.getConversation(row.workspaceId, id);
      if (!conversation || conversation.triggerId !== row.id) {
        throw new AgentFlowError('AF_NOT_FOUND', 'no such conversation');
      }
      const messages = await repo.listMessages(row.workspaceId, id, { limit: 200 });
      return { conversation: conversationView(conversation), messages: messages.map(messageView) };
    },
  };
}

export type Chat = ReturnType<typeof createChat>;
