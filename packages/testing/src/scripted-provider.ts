/**
 * `@agentflow/testing/scripted`: the scripted model provider, which lives in core (the in-memory ModelProvider, so
 * the CLI and the runtime use it without this test package). Re-exported here for tests.
 */
export {
  createScriptedProvider,
  echoProvider,
  type RequestMatcher,
  type Script,
  type ScriptedError,
  type ScriptedProvider,
  type ScriptedReply,
  type ScriptedReplyObject,
  type ScriptRule,
} from '@agentflow/core';
