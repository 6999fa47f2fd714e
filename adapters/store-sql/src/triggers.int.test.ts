import { describeOnPostgres } from './test-support.js';
import { defineTriggerTests } from './triggers.suite.js';

describeOnPostgres('triggers', 'triggers', defineTriggerTests);
