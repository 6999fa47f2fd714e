import type { AnyNodeType } from '../define.js';
import { agentNode } from './agent.js';
import { humanNode } from './human.js';
import { delayNode, inputNode, outputNode } from './io.js';
import { loopNode } from './loop.js';
import { routerNode } from './router.js';
import { subworkflowNode } from './subworkflow.js';
import { toolNode } from './tool.js';
import { transformNode } from './transform.js';

export { AgentConfig, agentNode } from './agent.js';
export { humanNode } from './human.js';
export { delayNode, inputNode, outputNode } from './io.js';
export { loopNode } from './loop.js';
export { routerNode } from './router.js';
export { subworkflowNode } from './subworkflow.js';
export { toolNode } from './tool.js';
export { transformNode } from './transform.js';

/** Every built-in node type; registered with the same API a plugin uses. */
export const builtinNodeTypes: readonly AnyNodeType[] = [
  inputNode,
  outputNode,
  transformNode,
  routerNode,
  loopNode,
  humanNode,
  subworkflowNode,
  agentNode,
  toolNode,
  delayNode,
];
