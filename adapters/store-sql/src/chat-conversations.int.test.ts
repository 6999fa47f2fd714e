import { defineConversationTests } from './chat-conversations.suite.js';
import { describeOnPostgres } from './test-support.js';

describeOnPostgres('chat conversations', 'chat', defineConversationTests);
