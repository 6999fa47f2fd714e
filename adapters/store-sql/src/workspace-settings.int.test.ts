import { describeOnPostgres } from './test-support.js';
import { defineWorkspaceSettingsTests } from './workspace-settings.suite.js';

describeOnPostgres('workspace settings', 'settings', defineWorkspaceSettingsTests);
