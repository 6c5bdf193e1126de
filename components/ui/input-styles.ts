import clsx from "clsx";

/** Classes shared by text inputs, selects and the expression editor's frame, so they line up. */
export function inputClassName(invalid = false, className?: string): string {
  return clsx(
    "block w-full min-w-0 rounded-md border bg-white px-2 text-[13px] text-slate-900 shadow-xs transition-colors placeholder:text-slate-400",
    "focus:outline-none focus:ring-2 disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-400",
    invalid
      ? "border-red-400 focus:border-red-500 focus:ring-red-100"
      : "border-slate-300 hover:border-slate-400 focus:border-indigo-500 focus:ring-indigo-100",
    className,
  );
}
