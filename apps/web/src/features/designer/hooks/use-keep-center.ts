/**
 * Keeps the middle of the canvas where it was when the canvas changes size (a side panel opens or closes, the
 * window is resized): React Flow keeps the viewport's top-left corner, so a panel opening on the right would slide
 * over the right-hand nodes. The zoom stays: only the pan moves, by half the change in each direction.
 */
import { useReactFlow, type Viewport } from '@xyflow/react';
import { type RefObject, useEffect } from 'react';

export interface Size {
  width: number;
  height: number;
}

/** The viewport that shows at the centre of a `next`-sized canvas what `viewport` showed at the centre of `prev`. */
export function recentered(viewport: Viewport, prev: Size, next: Size): Viewport {
  return {
    x: viewport.x + (next.width - prev.width) / 2,
    y: viewport.y + (next.height - prev.height) / 2,
    zoom: viewport.zoom,
  };
}

export function useKeepCenter(container: RefObject<HTMLElement | null>): void {
  const flow = useReactFlow();
  useEffect(() => {
    const element = container.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    let size: Size | undefined;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const next = { width: entry.contentRect.width, height: entry.contentRect.height };
      // The first size is the one the canvas opened (and fitted) at; a collapsed canvas has no centre to keep.
      if (size && size.width > 0 && size.height > 0 && next.width > 0 && next.height > 0) {
        void flow.setViewport(recentered(flow.getViewport(), size, next));
      }
      size = next;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [container, flow]);
}
