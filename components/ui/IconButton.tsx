import clsx from "clsx";
import type { ButtonHTMLAttributes, ReactNode, Ref } from "react";

type IconButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "children"> & {
  /** Read by screen readers and shown as a tooltip: icon-only buttons need both. */
  label: string;
  icon: ReactNode;
  tone?: "neutral" | "danger";
  ref?: Ref<HTMLButtonElement>;
};

/** A square, icon-only button with an accessible name. */
export function IconButton({ label, icon, tone = "neutral", className, type = "button", ...props }: IconButtonProps) {
  return (
    <button
      type={type}
      aria-label={label}
      title={label}
      className={clsx(
        "inline-flex size-7 shrink-0 items-center justify-center rounded-md text-slate-500 transition-colors disabled:cursor-not-allowed disabled:opacity-40 [&_svg]:size-4",
        tone === "danger" ? "hover:bg-red-50 hover:text-red-600" : "hover:bg-slate-100 hover:text-slate-900",
        className,
      )}
      {...props}
    >
      {icon}
    </button>
  );
}
