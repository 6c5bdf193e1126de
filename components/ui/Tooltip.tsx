"use client";

import * as RadixTooltip from "@radix-ui/react-tooltip";
import type { ReactElement, ReactNode } from "react";

type TooltipProps = {
  /** The element it describes; it must take focus (a button, or tabIndex 0) so keyboard users reach it too. */
  children: ReactElement;
  content: ReactNode;
  side?: "top" | "bottom" | "left" | "right";
  align?: "start" | "center" | "end";
};

/**
 * A tooltip on Radix Tooltip: shown on hover and keyboard focus, hidden by Escape, wired to
 * the element with aria-describedby, and kept inside the window.
 */
export function Tooltip({ children, content, side = "bottom", align = "start" }: TooltipProps) {
  return (
    <RadixTooltip.Provider delayDuration={200}>
      <RadixTooltip.Root>
        <RadixTooltip.Trigger asChild>{children}</RadixTooltip.Trigger>
        <RadixTooltip.Portal>
          <RadixTooltip.Content
            side={side}
            align={align}
            sideOffset={6}
            collisionPadding={8}
            className="z-50 w-max max-w-80 rounded-md bg-slate-900 px-2.5 py-2 text-left text-xs leading-5 font-normal break-words whitespace-normal text-white shadow-lg"
          >
            {content}
          </RadixTooltip.Content>
        </RadixTooltip.Portal>
      </RadixTooltip.Root>
    </RadixTooltip.Provider>
  );
}
