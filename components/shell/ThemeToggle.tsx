"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { Check, Monitor, Moon, Sun } from "lucide-react";
import { useEffect, useState } from "react";
import { menuContentClassName, menuItemClassName } from "@/components/ui/menu-styles";
import { applyThemePreference, readThemePreference, storeThemePreference, type ThemePreference } from "./theme-preference";

const choices: readonly { value: ThemePreference; label: string; icon: typeof Sun }[] = [
  { value: "system", label: "System", icon: Monitor },
  { value: "light", label: "Light", icon: Sun },
  { value: "dark", label: "Dark", icon: Moon },
];

/**
 * The header's theme menu: system (follows `prefers-color-scheme`, live), light or dark.
 * The class on <html> was already set before paint by the inline boot script; this keeps it in
 * step with the menu and with the operating system while the page is open.
 */
export function ThemeToggle() {
  // "system" on the server and the first client render, so hydration matches; the stored value follows.
  const [preference, setPreference] = useState<ThemePreference>("system");

  useEffect(() => setPreference(readThemePreference()), []);

  useEffect(() => {
    applyThemePreference(preference);
    if (preference !== "system") return;
    const query = window.matchMedia("(prefers-color-scheme: dark)");
    const follow = () => applyThemePreference("system");
    query.addEventListener("change", follow);
    return () => query.removeEventListener("change", follow);
  }, [preference]);

  const current = choices.find((choice) => choice.value === preference) ?? choices[0]!;
  const CurrentIcon = current.icon;
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger
        aria-label={`Theme: ${current.label}`}
        data-testid="theme-toggle"
        className="inline-flex size-8 items-center justify-center rounded-md text-slate-500 transition-colors hover:bg-slate-100 hover:text-slate-900 data-[state=open]:bg-slate-100"
      >
        <CurrentIcon className="size-4" aria-hidden="true" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className={menuContentClassName} data-testid="theme-menu">
          <DropdownMenu.Label className="px-2 pt-1 pb-1.5 text-[11px] font-medium tracking-wide text-slate-500 uppercase">Theme</DropdownMenu.Label>
          <DropdownMenu.RadioGroup
            value={preference}
            onValueChange={(value) => {
              const next = value as ThemePreference;
              storeThemePreference(next);
              setPreference(next);
            }}
          >
            {choices.map(({ value, label, icon: Icon }) => (
              <DropdownMenu.RadioItem key={value} value={value} className={menuItemClassName} data-testid={`theme-${value}`}>
                <Icon className="size-4 text-slate-500" aria-hidden="true" />
                <span className="flex-1">{label}</span>
                <DropdownMenu.ItemIndicator>
                  <Check className="size-3.5 text-indigo-600" aria-hidden="true" />
                </DropdownMenu.ItemIndicator>
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
