"use client";

import { useReactFlow } from "@xyflow/react";
import { useEffect, useRef, useState, type RefObject } from "react";

/** Below this height the minimap would sit on top of the nodes it maps. */
const minimapMinHeight = 480;

/**
 * Follows the canvas's height as the drawer under it opens and closes: a fitted view is
 * fitted again (`refit` answers true), so no node ends under the panels over the canvas;
 * otherwise the view moves by half the change, so what was in the middle stays in the
 * middle instead of sliding under the drawer. Reports whether the canvas is too short for
 * the minimap.
 */
export function useCanvasResize(container: RefObject<HTMLElement | null>, refit?: () => boolean): { short: boolean } {
  const latestRefit = useRef(refit);
  useEffect(() => {
    latestRefit.current = refit;
  });
  const { getViewport, setViewport } = useReactFlow();
  const [short, setShort] = useState(false);
  const previous = useRef<number | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      const height = entry?.contentRect.height ?? 0;
      const before = previous.current;
      previous.current = height;
      setShort(height < minimapMinHeight);
      if (before === null || before === height) return;
      if (latestRefit.current?.()) return;
      const viewport = getViewport();
      void setViewport({ ...viewport, y: viewport.y + (height - before) / 2 });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [container, getViewport, setViewport]);

  return { short };
}
