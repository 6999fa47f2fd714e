import { defineNotificationOutboxTests } from './notification-outbox.suite.js';
import { describeOnPostgres } from './test-support.js';

describeOnPostgres('notification outbox', 'outbox', defineNotificationOutboxTests);
