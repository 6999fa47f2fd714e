/**
 * A route's page loaded with its own chunk, without Suspense: the fallback shows until the module is there, then
 * the page renders at once. React 19 holds back the content of a Suspense boundary until 300 ms after its
 * fallback appeared (its fallback throttle), which on a cold load of a page whose chunk came in 100 ms later kept
 * the page's own requests waiting for those 300 ms. `preload()` starts the chunk early (see preload.ts files).
 */
import { type ComponentType, type ReactNode, useEffect, useState } from 'react';

export interface LazyPage {
  (): ReactNode;
  preload(): Promise<void>;
}

export function lazyPage(load: () => Promise<{ default: ComponentType }>, fallback: ReactNode): LazyPage {
  let Loaded: ComponentType | undefined;
  let pending: Promise<void> | undefined;
  const preload = () => {
    pending ??= load().then(
      (module) => {
        Loaded = module.default;
      },
      (error: unknown) => {
        pending = undefined; // a later render tries again
        throw error;
      },
    );
    return pending;
  };
  // biome-ignore lint/correctness/noComponentHookFactories: a factory called once per page at module level, as React.lazy
  function Page(): ReactNode {
    const [failed, setFailed] = useState<unknown>();
    const [, setReady] = useState(false);
    useEffect(() => {
      if (Loaded) return;
      let live = true;
      preload().then(
        () => live && setReady(true),
        (error: unknown) => live && setFailed(error),
      );
      return () => {
        live = false;
      };
    }, []);
    if (Loaded) return <Loaded />;
    if (failed !== undefined) {
      return (
        <p role="alert" className="p-6 text-sm text-red-700 dark:text-red-300">
          This page could not be loaded ({failed instanceof Error ? failed.message : String(failed)}). Reload
          to try again.
        </p>
      );
    }
    return fallback;
  }
  Page.preload = preload;
  return Page;
}
