import { Dialog } from '../../../ui/dialog.js';

/** Every keyboard shortcut of the designer (Ctrl is ⌘ on macOS). */
export const SHORTCUTS: [string, string][] = [
  ['Ctrl+Z', 'Undo'],
  ['Ctrl+Shift+Z or Ctrl+Y', 'Redo'],
  ['Ctrl+C / Ctrl+V', 'Copy / paste the selection'],
  ['Ctrl+A', 'Select every node'],
  ['Delete or Backspace', 'Delete the selection'],
  ['Ctrl+S', 'Save a new version'],
  ['Shift+L', 'Auto-layout'],
  ['Shift+F', 'Zoom to fit'],
  ['Shift+click, drag a box', 'Select several'],
  ['?', 'This help'],
];

export function ShortcutsDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (o: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Keyboard shortcuts">
      <table className="w-full text-sm">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
              <td className="py-1.5 pr-4">
                <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">
                  {keys}
                </kbd>
              </td>
              <td className="py-1.5">{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
