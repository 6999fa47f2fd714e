/** The open designer's stores, shared with its components (one designer per page). */
import { createContext, useContext } from 'react';
import { create, useStore } from 'zustand';
import type { NodeTypeInfo } from '../../lib/api.js';
import type { PlacedIssues } from './model/issues.js';
import type { RunState, RunStore } from './model/run-state.js';
import type { DesignerState, DesignerStore } from './model/store.js';

export const useIssues = create<PlacedIssues & { checking: boolean }>()(() => ({
  nodes: {},
  edges: {},
  general: [],
  checking: false,
}));

export interface DesignerContextValue {
  store: DesignerStore;
  run: RunStore;
  nodeTypes: Map<string, NodeTypeInfo>;
}

export const DesignerContext = createContext<DesignerContextValue | null>(null);

function useCtx(): DesignerContextValue {
  const ctx = useContext(DesignerContext);
  if (!ctx) throw new Error('outside a designer');
  return ctx;
}

export function useDesigner<T>(selector: (s: DesignerState) => T): T {
  return useStore(useCtx().store, selector);
}
export function useRun<T>(selector: (s: RunState) => T): T {
  return useStore(useCtx().run, selector);
}
export function useDesignerApi(): DesignerContextValue {
  return useCtx();
}
