/**
 * Fork from a node: a new execution that reuses the committed outputs of every step upstream of the chosen
 * node (they are not run again) and runs from that node on, optionally with an edited input for it.
 */
import { useId, useRef, useState } from 'react';
import { Button } from '../../../ui/button.js';
import { Dialog } from '../../../ui/dialog.js';
import { inputClass } from '../../../ui/field.js';

export function ForkDialog({
  open,
  onOpenChange,
  nodes,
  initialNode,
  inputOf,
  pending,
  error,
  onFork,
  connections,
}: {
  /** The workflow's connections, to say which nodes are reused and which run again. */
  connections: readonly { sourceAgentId: string; targetAgentId: string }[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  nodes: { id: string; label: string }[];
  initialNode?: string | undefined;
  /** The input the node was given in this execution (prefills the editor; read on demand). */
  inputOf: (nodeId: string) => Promise<unknown>;
  pending: boolean;
  error?: string | undefined;
  onFork: (nodeId: string, input: { value: unknown } | undefined) => void;
}) {
  const [node, setNode] = useState(initialNode ?? nodes[0]?.id ?? '');
  const [edit, setEdit] = useState(false);
  const [text, setText] = useState('');
  const [parseError, setParseError] = useState<string | undefined>();
  const nodeField = useId();
  const again = downstreamOf(node, connections);
  const reused = nodes.filter((n) => !again.has(n.id)).map((n) => n.id);
  const picked = useRef('');
  const pick = (id: string) => {
    setNode(id);
    setText('');
    picked.current = id;
    inputOf(id).then(
      (input) => {
        if (picked.current === id) setText(JSON.stringify(input ?? {}, null, 2));
      },
      () => {
        if (picked.current === id) setText('{}');
      },
    );
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) pick(initialNode ?? nodes[0]?.id ?? '');
        onOpenChange(next);
      }}
      title="Fork from a node"
      description="Starts a new execution that reuses every step upstream of the node (not run again) and runs from the node on."
      wide
    >
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (!edit) return onFork(node, undefined);
          try {
            setParseError(undefined);
            onFork(node, { value: JSON.parse(text) });
          } catch (err) {
            setParseError(`Not JSON: ${(err as Error).message}`);
          }
        }}
      >
        <div>
          <label htmlFor={nodeField} className="block text-sm font-medium">
            Node
          </label>
          <select
            id={nodeField}
            className={`${inputClass} mt-1`}
            value={node}
            onChange={(e) => pick(e.target.value)}
          >
            {nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label}
              </option>
            ))}
          </select>
        </div>
        <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="fork-plan">
          Reused (not run again): {reused.length > 0 ? reused.join(', ') : 'none'}. Runs:{' '}
          {[...again].join(', ')}.
        </p>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={edit} onChange={(e) => setEdit(e.target.checked)} />
          Edit the node's input
        </label>
        {edit && (
          <textarea
            aria-label="Input of the node (JSON)"
            rows={10}
            className={`${inputClass} h-auto py-2 font-mono text-xs`}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        )}
        {(parseError ?? error) && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {parseError ?? error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={pending || !node}>
            Fork
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** The node and every node reachable from it along connections (they run again in the fork). */
export function downstreamOf(
  node: string,
  connections: readonly { sourceAgentId: string; targetAgentId: string }[],
): Set<string> {
  const seen = new Set<string>(node ? [node] : []);
  const queue = node ? [node] : [];
  while (queue.length > 0) {
    const at = queue.shift()!;
    for (const c of connections) {
      if (c.sourceAgentId === at && !seen.has(c.targetAgentId)) {
        seen.add(c.targetAgentId);
        queue.push(c.targetAgentId);
      }
    }
  }
  return seen;
}
