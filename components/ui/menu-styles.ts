/** The floating panel of a menu or popover (Radix content), shared so every menu looks alike. */
export const menuContentClassName =
  "z-50 min-w-40 rounded-md border border-slate-200 bg-white p-1 text-sm text-slate-900 shadow-lg outline-none";

/** One menu row; Radix marks the keyboard-highlighted row with data-highlighted. */
export const menuItemClassName =
  "flex cursor-default items-center gap-2 rounded px-2 py-1.5 outline-none select-none data-[disabled]:opacity-50 data-[highlighted]:bg-slate-100";
