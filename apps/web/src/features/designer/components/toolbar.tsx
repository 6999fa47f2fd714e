/**
 * The designer's toolbar, under the app's header: the workflow's name, whether it is saved and valid, its
 * version, undo/redo, its triggers and chat, save and run inline; the less frequent actions (auto-layout, zoom
 * to fit, keyboard shortcuts, publish as template) in a "More actions" menu that lists their shortcuts. The
 * workflow's own actions live here rather than in the header, which keeps the app's links: both fit on one
 * line at 1024 px.
 */
import { Badge } from '../../../ui/badge.js';
import { Button } from '../../../ui/button.js';
import { Menu, MenuContent, MenuItem, MenuSeparator, MenuTrigger } from '../../../ui/menu.js';
import { useDesigner, useDesignerApi, useIssues } from '../context.js';
import type { ShortcutActions } from '../hooks/use-shortcuts.js';

export interface ToolbarProps {
  version: number;
  actions: ShortcutActions;
  saving: boolean;
  triggerCount: number;
  chatOpen: boolean;
  mayRun: boolean;
  mayPublish: boolean;
  onVersions(): void;
  onTriggers(): void;
  onChat(): void;
  onPublish(): void;
  onRun(): void;
}

function MoreIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16" fill="currentColor">
      <circle cx="3" cy="8" r="1.5" />
      <circle cx="8" cy="8" r="1.5" />
      <circle cx="13" cy="8" r="1.5" />
    </svg>
  );
}

export function Toolbar(props: ToolbarProps) {
  const { version, actions, triggerCount, chatOpen } = props;
  const { store } = useDesignerApi();
  const name = useDesigner((s) => s.meta.name);
  const readOnly = useDesigner((s) => s.readOnly);
  const dirty = useDesigner((s) => s.revision !== s.savedRevision);
  const canUndo = useDesigner((s) => s.past.length > 0);
  const canRedo = useDesigner((s) => s.future.length > 0);
  const problemCount = useIssues(
    (s) => Object.values(s.nodes).flat().length + Object.values(s.edges).flat().length + s.general.length,
  );
  return (
    <div className="flex items-center gap-2 border-b border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900">
      <input
        aria-label="Workflow name"
        className="h-8 w-0 min-w-32 max-w-xl flex-1 truncate rounded border border-transparent bg-transparent px-2 text-base font-semibold hover:border-slate-300 focus:border-indigo-500 focus:outline-none dark:hover:border-slate-600"
        value={name}
        readOnly={readOnly}
        onChange={(e) => store.getState().setMeta({ name: e.target.value })}
      />
      {dirty && !readOnly && (
        <span className="shrink-0 text-xs text-amber-700 dark:text-amber-400">Unsaved changes</span>
      )}
      <div className="ml-auto flex shrink-0 items-center gap-1.5">
        {readOnly && <Badge tone="amber">Read-only</Badge>}
        <Badge tone={problemCount > 0 ? 'red' : 'green'}>
          <span data-testid="problem-count">
            {problemCount > 0 ? `${problemCount} problem${problemCount > 1 ? 's' : ''}` : 'Valid'}
          </span>
        </Badge>
        <Button size="sm" variant="ghost" onClick={props.onVersions} title="Versions">
          <span data-testid="version">v{version}</span>
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={actions.undo}
          disabled={!canUndo || readOnly}
          aria-label="Undo"
          title="Undo (Ctrl+Z)"
        >
          ↶
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={actions.redo}
          disabled={!canRedo || readOnly}
          aria-label="Redo"
          title="Redo (Ctrl+Shift+Z)"
        >
          ↷
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={props.onTriggers}
          title="Webhooks, schedules and workflow events that start this workflow"
        >
          Triggers
          {triggerCount > 0 && (
            <span data-testid="trigger-count" className="text-xs text-slate-500 dark:text-slate-400">
              {triggerCount}
            </span>
          )}
        </Button>
        <Button
          size="sm"
          variant={chatOpen ? 'primary' : 'ghost'}
          onClick={props.onChat}
          aria-pressed={chatOpen}
          title="Chat with this workflow (each message runs it)"
        >
          Chat
        </Button>
        {!readOnly && (
          <Button
            size="sm"
            onClick={actions.save}
            disabled={props.saving}
            title="Save a new version (Ctrl+S)"
          >
            Save
          </Button>
        )}
        <Button size="sm" variant="primary" onClick={props.onRun} disabled={!props.mayRun}>
          ▶ Run
        </Button>
        <Menu>
          <MenuTrigger asChild>
            <Button size="sm" variant="ghost" aria-label="More actions" title="More actions">
              <MoreIcon />
            </Button>
          </MenuTrigger>
          <MenuContent>
            <MenuItem onSelect={actions.layout} disabled={readOnly} hint="Shift+L">
              Auto-layout
            </MenuItem>
            <MenuItem onSelect={actions.fit} hint="Shift+F">
              Zoom to fit
            </MenuItem>
            <MenuItem onSelect={actions.help} hint="?">
              Keyboard shortcuts
            </MenuItem>
            <MenuSeparator />
            <MenuItem
              onSelect={props.onPublish}
              disabled={!props.mayPublish}
              note={props.mayPublish ? undefined : 'Your role may not publish templates (template:publish)'}
            >
              Publish as template…
            </MenuItem>
          </MenuContent>
        </Menu>
      </div>
    </div>
  );
}
