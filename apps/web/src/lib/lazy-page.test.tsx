import { act, cleanup, render, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { lazyPage } from './lazy-page.js';

afterEach(cleanup);

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('lazyPage', () => {
  it('shows the fallback until the module is there, then the page at once (no Suspense)', async () => {
    const module = deferred<{ default: () => ReactElement }>();
    let loads = 0;
    const Page = lazyPage(
      () => {
        loads++;
        return module.promise;
      },
      <p>waiting</p>,
    );
    render(<Page />);
    expect(screen.getByText('waiting')).toBeTruthy();
    await act(async () => module.resolve({ default: () => <h1>the page</h1> }));
    expect(screen.getByRole('heading', { name: 'the page' })).toBeTruthy();
    cleanup();
    render(<Page />); // loaded: no fallback and no second load
    expect(screen.getByRole('heading', { name: 'the page' })).toBeTruthy();
    expect(screen.queryByText('waiting')).toBeNull();
    expect(loads).toBe(1);
  });

  it('preload starts the load once; a failed load is shown and tried again later', async () => {
    const first = deferred<{ default: () => ReactElement }>();
    let loads = 0;
    const Page = lazyPage(
      () => {
        loads++;
        return loads === 1 ? first.promise : Promise.resolve({ default: () => <h1>second</h1> });
      },
      <p>waiting</p>,
    );
    const preloaded = Page.preload();
    void Page.preload();
    expect(loads).toBe(1);
    render(<Page />);
    await act(async () => {
      first.reject(new Error('chunk gone'));
      await preloaded.catch(() => {});
    });
    expect(screen.getByRole('alert').textContent).toContain('chunk gone');
    cleanup();
    await act(async () => {
      render(<Page />);
    });
    expect(screen.getByRole('heading', { name: 'second' })).toBeTruthy();
    expect(loads).toBe(2);
  });
});
