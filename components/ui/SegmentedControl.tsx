import clsx from "clsx";

type SegmentedControlProps<T extends string> = {
  /** Names the group for screen readers, e.g. "Throughput direction". */
  label: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
  className?: string;
};

/** A small row of mutually exclusive toggles, for switching what a chart or panel shows. */
export function SegmentedControl<T extends string>({ label, options, value, onChange, className }: SegmentedControlProps<T>) {
  return (
    <div role="group" aria-label={label} className={clsx("inline-flex h-6 shrink-0 rounded-md bg-slate-100 p-0.5", className)}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={option.value === value}
          onClick={() => onChange(option.value)}
          className={clsx(
            "rounded px-2 text-[11px] font-medium whitespace-nowrap transition-colors",
            option.value === value ? "bg-white text-slate-900 shadow-xs" : "text-slate-600 hover:text-slate-900",
          )}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
