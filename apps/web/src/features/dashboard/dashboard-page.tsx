/** (being built) */
import { AppShell } from '../auth/app-shell.js';

export default function Page() {
  return (
    <AppShell>
      <main className="p-6 text-sm">Coming soon.</main>
    </AppShell>
  );
}
