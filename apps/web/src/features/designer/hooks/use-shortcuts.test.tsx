import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SHORTCUTS } from '../components/shortcuts-dialog.js';
import { type ShortcutActions, useShortcuts } from './use-shortcuts.js';

afterEach(cleanup);

function Host({ actions }: { actions: ShortcutActions }) {
  useShortcuts(actions);
  return <input aria-label="field" />;
}

function setup() {
  const actions = Object.fromEntries(
    ['undo', 'redo', 'copy', 'paste', 'selectAll', 'remove', 'save', 'layout', 'fit', 'help'].map((k) => [
      k,
      vi.fn(),
    ]),
  ) as unknown as Record<keyof ShortcutActions, ReturnType<typeof vi.fn>>;
  const view = render(<Host actions={actions as unknown as ShortcutActions} />);
  return { actions, field: view.getByLabelText('field') };
}

describe('designer shortcuts', () => {
  it('maps each listed shortcut to its action', () => {
    const { actions } = setup();
    const press = (key: string, init: KeyboardEventInit = {}) => fireEvent.keyDown(window, { key, ...init });
    press('z', { ctrlKey: true });
    press('z', { ctrlKey: true, shiftKey: true });
    press('y', { metaKey: true });
    press('c', { ctrlKey: true });
    press('v', { ctrlKey: true });
    press('a', { ctrlKey: true });
    press('Delete');
    press('Backspace');
    press('s', { ctrlKey: true });
    press('L', { shiftKey: true });
    press('F', { shiftKey: true });
    press('?', { shiftKey: true });
    expect(actions.undo).toHaveBeenCalledTimes(1);
    expect(actions.redo).toHaveBeenCalledTimes(2);
    expect(actions.copy).toHaveBeenCalledTimes(1);
    expect(actions.paste).toHaveBeenCalledTimes(1);
    expect(actions.selectAll).toHaveBeenCalledTimes(1);
    expect(actions.remove).toHaveBeenCalledTimes(2);
    expect(actions.save).toHaveBeenCalledTimes(1);
    expect(actions.layout).toHaveBeenCalledTimes(1);
    expect(actions.fit).toHaveBeenCalledTimes(1);
    expect(actions.help).toHaveBeenCalledTimes(1);
    expect(SHORTCUTS.length).toBeGreaterThanOrEqual(9);
  });

  it('leaves typing alone (Backspace in a field deletes text, not nodes), but Ctrl+S still saves', () => {
    const { actions, field } = setup();
    fireEvent.keyDown(field, { key: 'Backspace' });
    fireEvent.keyDown(field, { key: 'z', ctrlKey: true });
    fireEvent.keyDown(field, { key: 's', ctrlKey: true });
    expect(actions.remove).not.toHaveBeenCalled();
    expect(actions.undo).not.toHaveBeenCalled();
    expect(actions.save).toHaveBeenCalledTimes(1);
  });
});
