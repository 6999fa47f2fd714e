/** Validates the workflow as it is edited (debounced, `POST /api/v1/workflows/validate`), placing each problem. */
import { useEffect } from 'react';
import { api, unwrap } from '../../../lib/api.js';
import { useDesignerApi, useIssues } from '../context.js';
import { placeIssues } from '../model/issues.js';

export function useLiveValidation(delayMs = 300): void {
  const { store } = useDesignerApi();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let latest = 0;
    const check = async () => {
      const ticket = ++latest;
      const { nodes, edges } = store.getState();
      const workflow = store.getState().workflow();
      useIssues.setState({ checking: true });
      try {
        const result = unwrap(await api.POST('/api/v1/workflows/validate', { body: workflow as never }));
        if (ticket !== latest) return;
        useIssues.setState({
          ...placeIssues(
            result.issues ?? [],
            nodes.map((n) => n.id),
            edges.map((e) => e.id),
          ),
          checking: false,
        });
      } catch (error) {
        if (ticket !== latest) return;
        const issues = (error as { issues?: { code: string; path: string; message: string }[] }).issues ?? [];
        useIssues.setState({
          ...placeIssues(
            issues,
            nodes.map((n) => n.id),
            edges.map((e) => e.id),
          ),
          checking: false,
        });
      }
    };
    void check();
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.revision === previous.revision) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void check(), delayMs);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
      useIssues.setState({ nodes: {}, edges: {}, general: [], checking: false });
    };
  }, [store, delayMs]);
}
