/**
 * @agentflow/testing: contract suites every adapter of a port must pass, a scripted ModelProvider for tests and
 * examples without network, and record fixtures.
 */

export { defineClockContract, defineLoggerContract, type LoggerFixture } from './clock-logger-contract.js';
export {
  defineExecutionReadsContract,
  type ExecutionReadsFixture,
} from './execution-reads-contract.js';
export * from './fake-providers/index.js';
export {
  fixtureWorkflow,
  makeExecutionRecord,
  makeLogRecord,
  makeMessageRecord,
  makeStepRecord,
  sleep,
  waitFor,
} from './fixtures.js';
export {
  type ContractReply,
  defineModelProviderContract,
  type ModelProviderFixture,
} from './model-provider-contract.js';
export { defineOperationsContract, type OperationsFixture } from './operations-contract.js';
export { defineQueueContract, type QueueFixture } from './queue-contract.js';
export * from './scripted-provider.js';
export { defineStoreContract, type StoreFixture } from './store-contract.js';
export {
  contractTools,
  defineToolHostContract,
  makeToolCallContext,
  type ToolHostFixture,
} from './tool-host-contract.js';
