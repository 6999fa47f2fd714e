import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

export declare function createFixtureServer(): McpServer;
export declare function startHttpFixture(): Promise<{ url: string; port: number; close(): Promise<void> }>;
