import { defineTool, type Tool } from '@agentflow/core';
import { AgentFlowError } from '@agentflow/protocol';
import type { CheerioAPI } from 'cheerio';
import type { EgressGuard } from '../egress/guard.js';
import { loadCheerio } from '../lazy-deps.js';

export interface WebFetchToolOptions {
  egress: EgressGuard;
  /** (Default: 20000 ms) */
  timeoutMs?: number;
  /** Page size cap. (Default: 5 MiB) */
  maxResponseBytes?: number;
}

export interface WebFetchInput {
  url: string;
  /** CSS selector: only the text of matching elements is returned. */
  selector?: string;
  /** Characters of text returned at most. (Default: 20000) */
  maxChars?: number;
}

export interface WebFetchOutput {
  url: string;
  status: number;
  title: string;
  text: string;
  /** How many elements the selector matched (absent without a selector). */
  matched?: number;
  truncated: boolean;
}

const DROP = 'script, style, noscript, template, svg, canvas, iframe, object, embed, head, link, meta';
const BLOCKS =
  'p, div, section, article, main, header, footer, nav, aside, h1, h2, h3, h4, h5, h6, ul, ol, li, pre, ' +
  'blockquote, table, tr, dl, dt, dd, figure, figcaption, form, fieldset, details, summary, hr, address';

/**
 * `web_fetch`: GETs a page through the egress guard and returns its readable text (scripts, styles and markup
 * removed, block structure kept as line breaks), optionally only the parts matching a CSS selector. Parsing is
 * done by cheerio (parse5); nothing on the page runs.
 */
export function createWebFetchTool(options: WebFetchToolOptions): Tool<WebFetchInput, WebFetchOutput> {
  return defineTool<WebFetchInput, WebFetchOutput>({
    name: 'web_fetch',
    description:
      'Fetches a web page and returns its readable text and title. Optionally pass a CSS `selector` to keep ' +
      'only matching elements (e.g. "article", "#content", "table.prices").',
    sideEffect: false,
    inputSchema: {
      type: 'object',
      properties: {
        url: { type: 'string', minLength: 1, maxLength: 8192 },
        selector: { type: 'string', minLength: 1, maxLength: 500 },
        maxChars: { type: 'integer', minimum: 100, maximum: 500_000 },
      },
      required: ['url'],
      additionalProperties: false,
    },
    async run(input, ctx) {
      const response = await options.egress.request(
        input.url,
        {
          headers: {
            accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5',
            'user-agent': 'AgentFlow (web_fetch)',
          },
          signal: ctx.signal,
        },
        {
          timeoutMs: options.timeoutMs ?? 20_000,
          maxResponseBytes: options.maxResponseBytes ?? 5 * 1024 * 1024,
        },
      );
      if (response.status >= 400) {
        throw new AgentFlowError(
          'AF_TOOL_ERROR',
          `web_fetch: ${response.url} answered HTTP ${response.status}`,
          {
            retryable: response.status === 429 || response.status >= 500,
            details: { status: response.status },
          },
        );
      }
      const type = (response.headers['content-type'] ?? 'text/html').toLowerCase();
      const html = type.includes('html') || type.includes('xml');
      if (!html && !type.startsWith('text/') && !type.includes('json')) {
        throw new AgentFlowError('AF_TOOL_ERROR', `web_fetch: ${response.url} is not a text page (${type})`, {
          retryable: false,
        });
      }
      const raw = response.body.toString('utf8');
      let title = '';
      let text: string;
      let matched: number | undefined;
      if (html) {
        const $ = loadCheerio().load(raw);
        title = clean($('title').first().text());
        ({ text, matched } = readable($, input.selector));
      } else {
        text = raw;
      }
      const maxChars = input.maxChars ?? 20_000;
      const output: WebFetchOutput = {
        url: response.url,
        status: response.status,
        title,
        text: text.slice(0, maxChars),
        truncated: text.length > maxChars,
      };
      if (matched !== undefined) output.matched = matched;
      return output;
    },
  });
}

function readable($: CheerioAPI, selector: string | undefined): { text: string; matched?: number } {
  $(DROP).remove();
  $('br').replaceWith('\n');
  $('li').prepend('- ');
  $('td, th').append(' ');
  $(BLOCKS).each((_, element) => {
    $(element).prepend('\n').append('\n');
  });
  if (selector === undefined) return { text: clean($('body').length ? $('body').text() : $.root().text()) };
  let picked: ReturnType<CheerioAPI>;
  try {
    picked = $(selector);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AgentFlowError('AF_TOOL_ERROR', `web_fetch: invalid CSS selector: ${message}`, {
      retryable: false,
    });
  }
  const parts = picked.toArray().map((element) => clean($(element).text()));
  return { text: parts.filter(Boolean).join('\n\n'), matched: parts.length };
}

/** Collapses runs of spaces, trims lines and keeps at most one blank line between blocks. */
function clean(text: string): string {
  return text
    .replace(/[ \t\f\v\r\u00a0]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
