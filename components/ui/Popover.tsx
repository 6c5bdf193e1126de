"use client";

import * as RadixPopover from "@radix-ui/react-popover";
import clsx from "clsx";
import type { ReactElement, ReactNode } from "react";

type PopoverProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The button that opens it (rendered as is: Radix adds aria-expanded, aria-controls and aria-haspopup). */
  trigger: ReactElement;
  /** The accessible name of the panel (it has role="dialog"). */
  label: string;
  children: ReactNode;
  align?: "start" | "center" | "end";
  className?: string;
  "data-testid"?: string;
};

/**
 * A non-modal panel anchored to a button, on Radix Popover: Escape and a click outside close
 * it and give focus back to the button, Tab moves through it, and it stays inside the window.
 */
export function Popover({ open, onOpenChange, trigger, label, children, align = "end", className, "data-testid": testId }: PopoverProps) {
  return (
    <RadixPopover.Root open={open} onOpenChange={onOpenChange}>
      <RadixPopover.Trigger asChild>{trigger}</RadixPopover.Trigger>
      <RadixPopover.Portal>
        <RadixPopover.Content
          aria-label={label}
          align={align}
          sideOffset={6}
          collisionPadding={8}
          data-testid={testId}
          // "nokey": the canvas leaves keys typed here alone (Delete, Backspace).
          className={clsx("nokey z-50 rounded-lg border border-slate-200 bg-white text-slate-900 shadow-lg outline-none", className)}
        >
          {children}
        </RadixPopover.Content>
      </RadixPopover.Portal>
    </RadixPopover.Root>
  );
}
