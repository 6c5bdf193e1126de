"use client";

import { Save } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/Button";
import { Popover } from "@/components/ui/Popover";
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
 * prompt. The prompt is a popover (components/ui/Popover): Escape or a click elsewhere
 * closes it and gives focus back to the button.
 */
export function SaveWithMessage({ onSave, disabled, saving, title }: SaveWithMessageProps) {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState("");
  const promptId = useId();

  async function submit() {
    setOpen(false);
    if (await onSave(message.trim())) setMessage("");
  }

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      label="Save a new version"
      className="w-80 p-3"
      data-testid="save-prompt"
      trigger={
        <Button icon={<Save />} disabled={disabled} title={title} data-testid="save">
          {/* Icon only below 1280 px, so the editor's top bar fits 1024 px. */}
          <span className="max-xl:sr-only">{saving ? "Saving…" : "Save"}</span>
        </Button>
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label htmlFor={`${promptId}-message`} className="mb-1 block text-xs font-medium text-slate-700">
          What changed? <span className="font-normal text-slate-500">(optional)</span>
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
          <Button size="sm" variant="ghost" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button size="sm" variant="primary" type="submit" data-testid="save-confirm">
            Save version
          </Button>
        </div>
      </form>
    </Popover>
  );
}
