/**
 * The designer store's shape (types only): the canvas model, its undo history, clipboard and commands, plus the
 * context (`set`, `get`, `record`) each part of the store is built with. Kept apart from the implementations so
 * the store's modules share one type without importing one another.
 */
import type { Agent, Workflow } from '@agentflow/protocol';
import type { EdgeChange, NodeChange, XYPosition } from '@xyflow/react';
import type { StoreApi } from 'zustand';
import type { AgentNode, CanvasModel, ConnectionEdge, ConnectionEdgeData, WorkflowMeta } from './convert.js';

/** The model as it was before a recorded change (one undo or redo step). */
export interface Snapshot {
  meta: WorkflowMeta;
  nodes: AgentNode[];
  edges: ConnectionEdge[];
}

export interface ClipboardContent {
  nodes: AgentNode[];
  edges: ConnectionEdge[];
}

export interface DesignerState extends CanvasModel {
  past: Snapshot[];
  future: Snapshot[];
  /** Bumped by every recorded change: the validation and "unsaved" markers watch it. */
  revision: number;
  /** Revision at the last load or save. */
  savedRevision: number;
  clipboard: ClipboardContent | undefined;
  /** When set, the canvas is read-only (viewer role). */
  readOnly: boolean;
  lastCoalesceKey: string | undefined;
  lastCoalesceAt: number;
  dragStart: Snapshot | undefined;

  load(workflow: Workflow, options?: { readOnly?: boolean }): void;
  markSaved(): void;
  workflow(): Workflow;
  undo(): void;
  redo(): void;
  canUndo(): boolean;
  canRedo(): boolean;

  /** React Flow's own changes (selection, dimensions, drag positions, removals by keyboard). */
  onNodesChange(changes: NodeChange<AgentNode>[]): void;
  onEdgesChange(changes: EdgeChange<ConnectionEdge>[]): void;
  /** Adds a node (selected); `name` names it (an agent template's name, dropped from the agent library). */
  addNode(type: string, position: XYPosition, config?: Record<string, unknown>, name?: string): string;
  connect(source: string, sourceHandle: string | null, target: string): string | undefined;
  reconnect(edgeId: string, source: string, sourceHandle: string | null, target: string): void;
  removeSelected(): void;
  remove(ids: { nodes?: string[]; edges?: string[] }): void;
  beginMove(): void;
  endMove(): void;
  setPositions(positions: Record<string, XYPosition>): void;
  configure(nodeId: string, config: Record<string, unknown>): void;
  updateAgent(nodeId: string, patch: Partial<Omit<Agent, 'id' | 'position' | 'config'>>): void;
  updateConnection(edgeId: string, patch: Partial<ConnectionEdgeData['connection']>): void;
  setMeta(patch: Partial<WorkflowMeta>): void;
  copySelection(): void;
  paste(offset?: XYPosition): void;
  selectAll(): void;
}

/**
 * Applies `change` to the model as one undo step (or merges it into the last when `coalesce` matches the last
 * step's key within a short window). Does nothing when the store is read-only.
 */
export type RecordChange = (change: (s: DesignerState) => Partial<CanvasModel>, coalesce?: string) => void;

/** What each part of the store is built with, once per store. */
export interface StoreContext {
  set: StoreApi<DesignerState>['setState'];
  get: StoreApi<DesignerState>['getState'];
  record: RecordChange;
}
