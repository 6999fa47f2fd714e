// Test plugin: a node type whose step kills its own process (SIGKILL), as a step that runs the process out of
// memory or crashes a native module would: every process that runs it dies before it commits.
import { defineNodeType } from '@agentflow/core';
import { z } from 'zod';

export const nodeTypes = [
  defineNodeType({
    type: 'kill_process',
    configSchema: z.object({}),
    async run() {
      process.kill(process.pid, 'SIGKILL');
      await new Promise(() => {});
    },
  }),
];
