/**
 * The public chat embed (issue 19 item 3), `/embed/chat/<token>`: a page of its own, without the app. It reads the
 * token from its URL, asks the API for the chat's title and greeting, and sends each message through
 * `@agentflow/client`, showing the reply as it streams. The conversation id (the visitor's only key to it) is kept
 * in this browser's localStorage per chat, so a reload continues the conversation.
 *
 * Every text from the server (the model's replies above all) is set with `textContent`: never parsed as HTML.
 */
import { ApiError, type ChatMessageView, createAgentFlowClient } from '@agentflow/client';
import './embed.css';

const token = decodeURIComponent(window.location.pathname.split('/').filter(Boolean).at(-1) ?? '');
const client = createAgentFlowClient({ autoRefresh: false });
const storageKey = `agentflow-chat:${token.slice(-16)}`;

const $ = <T extends Element>(selector: string) => document.querySelector(selector) as T;
const main = $<HTMLElement>('.chat');
const title = $<HTMLHeadingElement>('.chat-title');
const log = $<HTMLOListElement>('.chat-log');
const errorBox = $<HTMLParagraphElement>('.chat-error');
const form = $<HTMLFormElement>('.chat-form');
const input = $<HTMLTextAreaElement>('.chat-input');
const send = $<HTMLButtonElement>('.chat-send');
const fresh = $<HTMLButtonElement>('.chat-new');
const count = $<HTMLSpanElement>('.chat-count');

let maxChars = 4000;
let greeting: string | undefined;
let conversationId: string | undefined;
let busy = false;

function remember(id: string | undefined) {
  conversationId = id;
  try {
    if (id) localStorage.setItem(storageKey, id);
    else localStorage.removeItem(storageKey);
  } catch {
    // Storage refused (a sandboxed frame): the conversation lasts as long as the page.
  }
  fresh.hidden = id === undefined;
}

function recall(): string | undefined {
  try {
    return localStorage.getItem(storageKey) ?? undefined;
  } catch {
    return undefined;
  }
}

/** A message bubble; its text is set with textContent (escaped). */
function bubble(role: 'user' | 'assistant', text: string, status: ChatMessageView['status'] = 'succeeded') {
  const li = document.createElement('li');
  li.className = `msg msg-${role}`;
  li.dataset.role = role;
  render(li, text, status);
  log.append(li);
  li.scrollIntoView({ block: 'end' });
  return li;
}

function render(
  li: HTMLElement,
  text: string,
  status: ChatMessageView['status'],
  error?: ChatMessageView['error'],
) {
  li.dataset.status = status;
  li.classList.toggle('msg-failed', status === 'failed');
  li.classList.toggle('msg-typing', status === 'pending' && text === '');
  li.textContent = status === 'failed' ? `Sorry, no answer this time (${error?.code ?? 'error'}).` : text;
}

function showError(message: string | undefined) {
  errorBox.hidden = message === undefined;
  errorBox.textContent = message ?? '';
}

function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 404) return 'This chat is not available.';
    if (error.status === 429) return 'Too many messages right now. Please wait a moment and try again.';
    if (error.status === 413) return `That message is too long (at most ${maxChars} characters).`;
    return error.message;
  }
  return 'Could not reach the chat. Check your connection and try again.';
}

function setBusy(value: boolean) {
  busy = value;
  input.disabled = value;
  updateCount();
}

function updateCount() {
  const n = input.value.length;
  count.textContent = n > maxChars * 0.8 ? `${n} / ${maxChars}` : '';
  count.classList.toggle('over', n > maxChars);
  send.disabled = busy || input.value.trim() === '' || n > maxChars;
}

function reset() {
  log.replaceChildren();
  if (greeting) bubble('assistant', greeting);
}

async function submit() {
  const text = input.value.trim();
  if (!text || busy || text.length > maxChars) return;
  showError(undefined);
  setBusy(true);
  const mine = bubble('user', text);
  const reply = bubble('assistant', '', 'pending');
  input.value = '';
  let streamed = '';
  try {
    const result = await client.chat.sendShared(
      token,
      { ...(conversationId ? { conversationId } : {}), message: text },
      {
        onEvent: (event) => {
          if (event.type === 'start') remember(event.conversationId);
          if (event.type === 'token') {
            streamed += event.delta;
            render(reply, streamed, 'pending');
            reply.scrollIntoView({ block: 'end' });
          }
        },
      },
    );
    render(reply, result.reply.content, result.reply.status, result.reply.error);
  } catch (error) {
    reply.remove();
    if (!(error instanceof ApiError && error.code === 'AF_NETWORK' && streamed)) mine.remove();
    input.value = text;
    showError(errorText(error));
  } finally {
    setBusy(false);
    input.focus();
  }
}

async function start() {
  try {
    const info = await client.chat.shared(token);
    title.textContent = info.title;
    document.title = info.title;
    maxChars = info.maxMessageChars;
    greeting = info.greeting;
  } catch (error) {
    title.textContent = 'Chat';
    showError(errorText(error));
    main.removeAttribute('aria-busy');
    return;
  }
  reset();
  const saved = recall();
  if (saved) {
    try {
      const { messages } = await client.chat.sharedConversation(token, saved);
      for (const m of messages) {
        const li = bubble(m.role, m.content, m.status);
        render(li, m.content, m.status, m.error);
      }
      remember(saved);
    } catch {
      remember(undefined);
    }
  }
  main.removeAttribute('aria-busy');
  input.disabled = false;
  updateCount();
  input.focus();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void submit();
});
input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    void submit();
  }
});
input.addEventListener('input', updateCount);
fresh.addEventListener('click', () => {
  remember(undefined);
  showError(undefined);
  reset();
  input.focus();
});

void start();
