/**
 * The canvas's minimap, still while a big graph's nodes are dragged.
 *
 * React Flow's MiniMap follows React Flow's store, which a drag updates at every pointer move: in a 500-node
 * workflow it redrew in each frame of a drag, 6-7 ms of a 17 ms frame (bench web-canvas: drag frame work p95
 * 17.7 ms with it, 10.4 without). So when a drag starts in a graph over `BIG_GRAPH` nodes, a copy of the
 * minimap's current drawing stands in its place and the live minimap comes back when the drag ends, with the
 * moved nodes where they were dropped. Small graphs keep the live minimap throughout.
 */
import { MiniMap } from '@xyflow/react';
import { type Ref, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react';

export interface CanvasMiniMapHandle {
  /** A drag starts: in a big graph, the minimap holds still until `resume`. */
  hold(): void;
  resume(): void;
}

export function CanvasMiniMap({
  big,
  dark,
  ref,
}: {
  big: boolean;
  dark: boolean;
  ref: Ref<CanvasMiniMapHandle>;
}) {
  const [still, setStill] = useState<Element | null>(null);
  const live = useRef<HTMLDivElement>(null);
  useImperativeHandle(
    ref,
    () => ({
      hold() {
        const drawing = big ? live.current?.querySelector('.react-flow__minimap') : null;
        if (drawing) setStill(drawing.cloneNode(true) as Element);
      },
      resume() {
        setStill(null);
      },
    }),
    [big],
  );
  if (still) return <StillDrawing drawing={still} />;
  return (
    <div ref={live} className="contents">
      <MiniMap
        pannable
        zoomable
        ariaLabel="Minimap"
        style={{ width: 160, height: 100 }}
        nodeColor={dark ? '#475569' : '#cbd5e1'}
        nodeBorderRadius={4}
      />
    </div>
  );
}

/** The copied drawing, in the minimap's place (its classes position it like the live one). */
function StillDrawing({ drawing }: { drawing: Element }) {
  const holder = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const at = holder.current;
    if (!at) return;
    at.replaceChildren(drawing);
    return () => at.replaceChildren();
  }, [drawing]);
  return <div ref={holder} className="contents" aria-hidden="true" />;
}
