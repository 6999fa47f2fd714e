/** The designer's keyboard shortcuts (listed in SHORTCUTS); ignored while typing in a field. */
import { useEffect, useRef } from 'react';

export interface ShortcutActions {
  undo(): void;
  redo(): void;
  copy(): void;
  paste(): void;
  selectAll(): void;
  remove(): void;
  save(): void;
  layout(): void;
  fit(): void;
  help(): void;
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export function useShortcuts(current: ShortcutActions): void {
  const latest = useRef(current);
  latest.current = current;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const actions = latest.current;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 's') {
        e.preventDefault();
        actions.save();
        return;
      }
      if (typing(e.target) || document.querySelector('[role="dialog"],[role="alertdialog"]')) return;
      const run = (f: () => void) => {
        e.preventDefault();
        f();
      };
      if (mod && key === 'z' && !e.shiftKey) run(actions.undo);
      else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) run(actions.redo);
      else if (mod && key === 'c') run(actions.copy);
      else if (mod && key === 'v') run(actions.paste);
      else if (mod && key === 'a') run(actions.selectAll);
      else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) run(actions.remove);
      else if (!mod && e.shiftKey && key === 'l') run(actions.layout);
      else if (!mod && e.shiftKey && key === 'f') run(actions.fit);
      else if (e.key === '?') run(actions.help);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
