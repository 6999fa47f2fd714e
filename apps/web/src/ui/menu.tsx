/** The app's drop-down menus (Radix DropdownMenu: keyboard, focus and ARIA roles), styled once. */
import { DropdownMenu } from 'radix-ui';
import type { ReactNode } from 'react';

export const Menu = DropdownMenu.Root;
export const MenuTrigger = DropdownMenu.Trigger;

export function MenuContent({ children }: { children: ReactNode }) {
  return (
    <DropdownMenu.Portal>
      <DropdownMenu.Content
        align="end"
        sideOffset={4}
        className="z-50 min-w-56 rounded-md border border-slate-200 bg-white p-1 text-sm text-slate-900 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        {children}
      </DropdownMenu.Content>
    </DropdownMenu.Portal>
  );
}

const ITEM =
  'flex cursor-pointer items-baseline justify-between gap-4 rounded px-2 py-1.5 outline-none data-[highlighted]:bg-slate-100 data-[disabled]:cursor-not-allowed data-[disabled]:opacity-60 dark:data-[highlighted]:bg-slate-800';

/** One entry; `hint` is shown on its right (a keyboard shortcut, a role), `note` under it (why it is disabled). */
export function MenuItem({
  children,
  onSelect,
  disabled,
  hint,
  note,
}: {
  children: ReactNode;
  onSelect: () => void;
  disabled?: boolean;
  hint?: ReactNode;
  note?: string;
}) {
  return (
    <DropdownMenu.Item className={ITEM} onSelect={onSelect} disabled={disabled}>
      <span>
        {children}
        {note && <span className="block max-w-60 text-xs text-slate-500 dark:text-slate-400">{note}</span>}
      </span>
      {hint !== undefined && <span className="text-xs text-slate-500 dark:text-slate-400">{hint}</span>}
    </DropdownMenu.Item>
  );
}

export function MenuLabel({ children }: { children: ReactNode }) {
  return (
    <DropdownMenu.Label className="px-2 py-1.5 text-xs text-slate-500 dark:text-slate-400">
      {children}
    </DropdownMenu.Label>
  );
}

export function MenuSeparator() {
  return <DropdownMenu.Separator className="my-1 h-px bg-slate-200 dark:bg-slate-700" />;
}
