"use client";

import { X } from "lucide-react";
import { useEffect, useId, useRef, type ReactNode } from "react";
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
 * A modal built on the native `<dialog>`: the browser handles focus trapping, Escape
 * and the top layer, so there is no portal or focus library to maintain.
 */
export function Dialog({ open, onClose, title, description, children, footer, "data-testid": testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid={testId}
      // The canvas listens for Delete/Backspace; "nokey" tells React Flow to leave keys typed here alone.
      className="nokey m-auto w-[min(480px,calc(100vw-32px))] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      {open && (
        <div className="flex flex-col">
          <div className="flex items-start justify-between gap-4 px-5 pt-4">
            <div>
              <h2 id={titleId} className="text-base font-semibold">
                {title}
              </h2>
              {description && <div className="mt-1 text-sm text-slate-500">{description}</div>}
            </div>
            <IconButton label="Close" icon={<X />} onClick={onClose} className="-mr-2" />
          </div>
          <div className="px-5 py-4">{children}</div>
          {footer && <div className="flex justify-end gap-2 border-t border-slate-100 bg-slate-50 px-5 py-3">{footer}</div>}
        </div>
      )}
    </dialog>
  );
}
