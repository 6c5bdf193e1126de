"use client";

import { Save } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/Button";
import { TextInput } from "@/components/ui/TextInput";

type SaveWithMessageProps = {
  /** Saves the canvas as a new version with this message ("" for none); resolves to whether it was saved. */
  onSave: (message: string) => Promise<boolean>;
  disabled: boolean;
  saving: boolean;
  title: string;
};

/**
 * The Save button of the editor. A click opens a small prompt for the version's message
 * (optional: Enter with it empty saves without one); the keyboard shortcut skips the
 * prompt. The prompt is a non-modal dialog under the button: Escape or a click elsewhere
 * closes it and gives focus back to the button.
 */
export function SaveWithMessage({ onSave, disabled, saving, title }: SaveWithMessageProps) {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState("");
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const promptId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  function close() {
    setOpen(false);
    button.current?.focus();
  }

  async function submit() {
    setOpen(false);
    if (await onSave(message.trim())) setMessage("");
  }

  return (
    <div ref={root} className="relative">
      <Button
        ref={button}
        icon={<Save />}
        onClick={() => setOpen((current) => !current)}
        disabled={disabled}
        title={title}
        aria-expanded={open}
        aria-controls={open ? promptId : undefined}
        aria-haspopup="dialog"
        data-testid="save"
      >
        {saving ? "Saving…" : "Save"}
      </Button>
      {open && (
        <form
          id={promptId}
          role="dialog"
          aria-label="Save a new version"
          className="nokey absolute top-full right-0 z-30 mt-1.5 w-80 rounded-lg border border-slate-200 bg-white p-3 shadow-lg"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              event.stopPropagation();
              close();
            }
          }}
          data-testid="save-prompt"
        >
          <label htmlFor={`${promptId}-message`} className="mb-1 block text-xs font-medium text-slate-700">
            What changed? <span className="font-normal text-slate-400">(optional)</span>
          </label>
          <TextInput
            id={`${promptId}-message`}
            value={message}
            onChange={(event) => setMessage(event.target.value)}
            maxLength={500}
            placeholder="e.g. Count only words longer than 3 letters"
            autoFocus
            className="w-full"
            data-testid="save-message"
          />
          <div className="mt-2.5 flex items-center justify-end gap-2">
            <Button size="sm" variant="ghost" onClick={close}>
              Cancel
            </Button>
            <Button size="sm" variant="primary" type="submit" data-testid="save-confirm">
              Save version
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
