import { defineScheduleRepositoryTests } from './schedule-firings.suite.js';
import { describeOnPostgres } from './test-support.js';

describeOnPostgres('schedule repository', 'sched', defineScheduleRepositoryTests);
