import type { ModelCapabilities } from '@agentflow/core';
import type { ProviderKind } from './config.js';

const ALL: ModelCapabilities = {
  functionCalling: true,
  vision: true,
  streaming: true,
  structuredOutput: true,
  penalties: true,
};

/**
 * OpenAI reasoning models (o-series, GPT-5 and later but their `-chat` variants) take no penalties: the AI SDK
 * drops them with a warning, so they are refused instead.
 */
function openaiReasoning(model: string): boolean {
  if (/^o\d+(?:-|$)/.test(model)) return true;
  const gpt = /^gpt-(\d+)(?:\.\d+)?(?:-(.*))?$/.exec(model);
  return gpt !== null && Number(gpt[1]) >= 5 && !(gpt[2] ?? '').startsWith('chat');
}

/** Ollama families that accept tools (https://ollama.com/search?c=tools). */
const OLLAMA_TOOLS =
  /^(llama3\.[123]|llama4|qwen2\.5|qwen3|qwq|mistral|mixtral|mistral-nemo|mistral-small|command-r|firefunction|hermes3|granite3|granite4|nemotron|smollm2|deepseek-r1|gpt-oss|phi4-mini|devstral|magistral|cogito)/;
/** Ollama families that accept images. */
const OLLAMA_VISION =
  /^(llava|bakllava|llama3\.2-vision|llama4|gemma3|qwen2\.5vl|qwen2\.5-vl|qwen3-vl|minicpm-v|moondream|granite3\.2-vision|mistral-small3\.[12])/;

function openai(model: string): ModelCapabilities {
  const old = /^gpt-3\.5|^gpt-4(-\d|$)/.test(model);
  const textOnly = old || /^o1-mini|^o3-mini/.test(model);
  return {
    functionCalling: !/^o1-mini/.test(model),
    vision: !textOnly,
    streaming: true,
    structuredOutput: !old,
    penalties: !openaiReasoning(model),
  };
}

function anthropic(model: string): ModelCapabilities {
  return { ...ALL, vision: !/claude-2|claude-instant/.test(model), penalties: false };
}

function gemini(model: string): ModelCapabilities {
  const gemma = model.startsWith('gemma');
  // Gemini 2.5 on the Gemini API takes no penalties (the AI SDK drops them with a warning); 2.0, 3 and later do.
  const penalties = !/(^|\/)gemini-2\.5(?:[.-]|$)/i.test(model);
  return { functionCalling: !gemma, vision: true, streaming: true, structuredOutput: !gemma, penalties };
}

function ollama(model: string): ModelCapabilities {
  const name = model.toLowerCase();
  return {
    functionCalling: OLLAMA_TOOLS.test(name),
    vision: OLLAMA_VISION.test(name),
    streaming: true,
    structuredOutput: true,
    // ollama-ai-provider-v2 sends neither penalty (its chat API warns and drops them).
    penalties: false,
  };
}

function compatible(model: string): ModelCapabilities {
  const name = model.toLowerCase();
  return {
    functionCalling: true,
    vision: /vision|-vl\b|vl-|llava|maverick|scout|gpt-4o|gemma-3/.test(name),
    streaming: true,
    structuredOutput: true,
    penalties: true,
  };
}

/**
 * What a provider/model can do, from each provider's published model tables. Unknown models of a known
 * provider get that provider's usual abilities; OpenAI-compatible endpoints are assumed to stream and call
 * tools (vLLM, LM Studio, Groq and Together do) but not to see images unless the model name says so.
 */
export function modelCapabilities(kind: ProviderKind, model: string): ModelCapabilities {
  switch (kind) {
    case 'openai':
      return openai(model);
    case 'anthropic':
      return anthropic(model);
    case 'gemini':
      return gemini(model);
    case 'ollama':
      return ollama(model);
    case 'openai-compatible':
      return compatible(model);
  }
}
