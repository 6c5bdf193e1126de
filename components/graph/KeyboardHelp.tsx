"use client";

import { X } from "lucide-react";
import { useEffect, useRef } from "react";
import { Kbd } from "@/components/ui/Kbd";
import { useShortcutModifier } from "@/lib/client/use-shortcut-modifier";
import { editorShortcuts } from "./keyboard-shortcuts";

/** The `?` overlay: every editor shortcut. Escape, the close button or a click outside close it. */
export function KeyboardHelp({ onClose }: { onClose: () => void }) {
  const modifier = useShortcutModifier();
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeButton.current?.focus();
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === "Escape" || event.key === "?") {
        event.preventDefault();
        onClose();
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [onClose]);
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/30" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="keyboard-help-title"
        data-testid="keyboard-help"
        className="max-h-[80vh] w-[28rem] overflow-y-auto rounded-lg border border-slate-200 bg-white p-4 shadow-xl"
        onClick={(event) => event.stopPropagation()}
      >
        <div className="mb-2 flex items-center justify-between">
          <h2 id="keyboard-help-title" className="text-sm font-semibold text-slate-900">
            Keyboard shortcuts
          </h2>
          <button ref={closeButton} type="button" aria-label="Close" onClick={onClose} className="rounded p-1 text-slate-500 hover:bg-slate-100">
            <X className="size-4" aria-hidden="true" />
          </button>
        </div>
        {editorShortcuts.map(({ group, shortcuts }) => (
          <section key={group} className="mt-3">
            <h3 className="mb-1 text-[11px] font-medium tracking-wide text-slate-500 uppercase">{group}</h3>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-xs text-slate-700">
              {shortcuts.map((shortcut) => (
                <div key={shortcut.does} className="contents">
                  <dt className="flex items-center gap-1 whitespace-nowrap">
                    {shortcut.keys.map((key) => (
                      <Kbd key={key}>{key === "Mod" ? modifier : key}</Kbd>
                    ))}
                  </dt>
                  <dd>{shortcut.does}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </div>
  );
}
