import { defineDeadLetterTests } from './dead-letters.suite.js';
import { describeOnPostgres } from './test-support.js';

describeOnPostgres('dead letters', 'dead', defineDeadLetterTests);
