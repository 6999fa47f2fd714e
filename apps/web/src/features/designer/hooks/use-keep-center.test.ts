import { describe, expect, it } from 'vitest';
import { recentered } from './use-keep-center.js';

describe('recentered', () => {
  it('keeps the flow point at the centre when the canvas narrows (a side panel opens) and widens again', () => {
    const viewport = { x: 40, y: 10, zoom: 0.8 };
    const wide = { width: 1000, height: 600 };
    const narrow = { width: 888, height: 600 };
    // Flow coordinates of the centre: (screen - pan) / zoom.
    const centre = (v: typeof viewport, s: typeof wide) => ({
      x: (s.width / 2 - v.x) / v.zoom,
      y: (s.height / 2 - v.y) / v.zoom,
    });
    const opened = recentered(viewport, wide, narrow);
    expect(opened.zoom).toBe(0.8);
    expect(centre(opened, narrow)).toEqual(centre(viewport, wide));
    expect(recentered(opened, narrow, wide)).toEqual(viewport);
  });
});
