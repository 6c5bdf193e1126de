"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import type { ReactNode } from "react";
import { IconButton } from "./IconButton";

type DialogProps = {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  /** Buttons aligned to the bottom right. */
  footer?: ReactNode;
  "data-testid"?: string;
};

/**
 * A modal built on Radix Dialog: focus moves in and is trapped, Escape and a click outside
 * close it, focus returns to the opener, the page behind is hidden from screen readers, and
 * the title and description are wired to aria-labelledby / aria-describedby.
 */
export function Dialog({ open, onClose, title, description, children, footer, "data-testid": testId }: DialogProps) {
  return (
    <RadixDialog.Root open={open} onOpenChange={(next) => !next && onClose()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay fixed inset-0 z-50" />
        <RadixDialog.Content
          data-testid={testId}
          // Without a description Radix warns unless aria-describedby is explicitly unset.
          {...(description ? {} : { "aria-describedby": undefined })}
          // The canvas listens for Delete/Backspace; "nokey" tells React Flow to leave keys typed here alone.
          className="nokey fixed top-1/2 left-1/2 z-50 flex max-h-[calc(100vh-32px)] w-[min(480px,calc(100vw-32px))] -translate-x-1/2 -translate-y-1/2 flex-col overflow-auto rounded-lg border border-slate-200 bg-white text-slate-900 shadow-xl outline-none"
        >
          <div className="flex items-start justify-between gap-4 px-5 pt-4">
            <div>
              <RadixDialog.Title className="text-base font-semibold">{title}</RadixDialog.Title>
              {description && (
                <RadixDialog.Description asChild>
                  <div className="mt-1 text-sm text-slate-500">{description}</div>
                </RadixDialog.Description>
              )}
            </div>
            <RadixDialog.Close asChild>
              <IconButton label="Close" icon={<X />} className="-mr-2" />
            </RadixDialog.Close>
          </div>
          <div className="px-5 py-4">{children}</div>
          {footer && <div className="flex justify-end gap-2 border-t border-slate-100 bg-slate-50 px-5 py-3">{footer}</div>}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
