/**
 * Fake model-provider servers on 127.0.0.1 speaking the real wire formats (JSON and streaming, tool calls,
 * usage), scriptable per request to fail the ways real providers do. Use them through the real SDKs.
 */
export { startFakeAnthropic } from './anthropic.js';
export { startFakeGemini } from './gemini.js';
export {
  type FakeOllamaModel,
  type FakeOllamaOptions,
  type FakeOllamaServer,
  startFakeOllama,
} from './ollama.js';
export { startFakeOpenAI } from './openai.js';
export type {
  FakeCut,
  FakeError,
  FakeHang,
  FakeMalformed,
  FakeProviderServer,
  FakeReply,
  FakeServerOptions,
  FakeServerStats,
  FakeStep,
  FakeStepSource,
  FakeToolCall,
  FakeUsage,
  RecordedRequest,
} from './types.js';
