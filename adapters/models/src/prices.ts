/**
 * Public list prices, USD per million tokens (standard tier, no batch or cache discounts; Gemini 2.5 Pro at
 * its <=200k-token prompt rate). A model id matches an entry exactly or by prefix followed by `-`, `:` or `@`
 * (so `gpt-4o-2024-08-06` is priced as `gpt-4o`, `llama3.1:8b` as `llama3.1`). Unlisted models cost 0 and are
 * reported as unpriced; add them through `ModelsConfig.prices`.
 *
 * Sources: https://openai.com/api/pricing, https://www.anthropic.com/pricing#api,
 * https://ai.google.dev/gemini-api/docs/pricing, https://groq.com/pricing, https://www.together.ai/pricing.
 * Review this table when providers change prices; `PRICES_AS_OF` says when it was last checked.
 */
export const PRICES_AS_OF = '2025-10';

export interface Price {
  inputPerMTok: number;
  outputPerMTok: number;
}

export type PriceTable = Record<string, Record<string, Price>>;

const p = (inputPerMTok: number, outputPerMTok: number): Price => ({ inputPerMTok, outputPerMTok });

export const DEFAULT_PRICES: PriceTable = {
  openai: {
    'gpt-5': p(1.25, 10),
    'gpt-5-mini': p(0.25, 2),
    'gpt-5-nano': p(0.05, 0.4),
    'gpt-5-chat-latest': p(1.25, 10),
    'gpt-5.1': p(1.25, 10),
    'gpt-4.1': p(2, 8),
    'gpt-4.1-mini': p(0.4, 1.6),
    'gpt-4.1-nano': p(0.1, 0.4),
    'gpt-4o': p(2.5, 10),
    'gpt-4o-mini': p(0.15, 0.6),
    'gpt-4-turbo': p(10, 30),
    'gpt-3.5-turbo': p(0.5, 1.5),
    o1: p(15, 60),
    'o1-mini': p(1.1, 4.4),
    o3: p(2, 8),
    'o3-mini': p(1.1, 4.4),
    'o4-mini': p(1.1, 4.4),
  },
  anthropic: {
    'claude-opus-4-5': p(5, 25),
    'claude-opus-4-1': p(15, 75),
    'claude-opus-4': p(15, 75),
    'claude-opus-4-0': p(15, 75),
    'claude-sonnet-4-5': p(3, 15),
    'claude-sonnet-4': p(3, 15),
    'claude-sonnet-4-0': p(3, 15),
    'claude-3-7-sonnet': p(3, 15),
    'claude-3-5-sonnet': p(3, 15),
    'claude-haiku-4-5': p(1, 5),
    'claude-3-5-haiku': p(0.8, 4),
    'claude-3-haiku': p(0.25, 1.25),
    'claude-3-opus': p(15, 75),
  },
  gemini: {
    'gemini-2.5-pro': p(1.25, 10),
    'gemini-2.5-flash': p(0.3, 2.5),
    'gemini-2.5-flash-lite': p(0.1, 0.4),
    'gemini-2.0-flash': p(0.1, 0.4),
    'gemini-2.0-flash-lite': p(0.075, 0.3),
    'gemini-1.5-pro': p(1.25, 5),
    'gemini-1.5-flash': p(0.075, 0.3),
  },
  groq: {
    'llama-3.3-70b-versatile': p(0.59, 0.79),
    'llama-3.1-8b-instant': p(0.05, 0.08),
    'openai/gpt-oss-120b': p(0.15, 0.75),
    'openai/gpt-oss-20b': p(0.1, 0.5),
  },
  together: {
    'meta-llama/Llama-3.3-70B-Instruct-Turbo': p(0.88, 0.88),
    'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo': p(0.18, 0.18),
    'meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo': p(3.5, 3.5),
    'Qwen/Qwen2.5-72B-Instruct-Turbo': p(1.2, 1.2),
    'deepseek-ai/DeepSeek-V3': p(1.25, 1.25),
  },
  // Local models: no per-token price.
  ollama: {},
};
