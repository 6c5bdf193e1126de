import { ChevronDown } from "lucide-react";
import type { Ref, SelectHTMLAttributes } from "react";
import { inputClassName } from "./input-styles";

type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & {
  options: readonly { value: string; label: string }[];
  invalid?: boolean;
  ref?: Ref<HTMLSelectElement>;
};

/** A native select (keyboard and screen reader support for free) with the app's styling. */
export function Select({ options, invalid, className, ...props }: SelectProps) {
  return (
    <div className={`relative ${className ?? ""}`}>
      <select aria-invalid={invalid || undefined} className={inputClassName(invalid, "h-8 appearance-none pr-7")} {...props}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ChevronDown className="pointer-events-none absolute top-1/2 right-2 size-3.5 -translate-y-1/2 text-slate-500" aria-hidden="true" />
    </div>
  );
}
