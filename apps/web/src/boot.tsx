/**
 * The app's start (main.tsx loads it): theme, the CSP nonce for the dialog library's <style> elements,
 * server-state cache, routes.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { setNonce } from 'get-nonce';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, DesignerPage, ExecutionPage } from './app.js';
import { preloadDesigner } from './features/designer/preload.js';
import { preloadExecution } from './features/executions/preload.js';
import { applyTheme } from './lib/theme.js';

applyTheme();
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
if (nonce && !nonce.startsWith('__')) setNonce(nonce);

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

// A cold load of the designer's URL fetches its code and data while the session is checked.
preloadDesigner(queryClient, window.location.pathname, DesignerPage.preload);
preloadExecution(queryClient, window.location.pathname, ExecutionPage.preload);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
