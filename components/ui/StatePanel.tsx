import clsx from "clsx";
import type { ReactNode } from "react";

type StatePanelProps = {
  icon: ReactNode;
  title: string;
  tone?: "neutral" | "danger";
  children?: ReactNode;
  actions?: ReactNode;
  /** Room for a longer explanation or more than two actions side by side. */
  wide?: boolean;
  className?: string;
  "data-testid"?: string;
};

/** The shared layout of empty, error and not-found states: icon, title, explanation, actions. */
export function StatePanel({ icon, title, tone = "neutral", children, actions, wide, className, "data-testid": testId }: StatePanelProps) {
  return (
    <div data-testid={testId} className={clsx("mx-auto flex flex-col items-center px-6 py-12 text-center", wide ? "max-w-xl" : "max-w-md", className)}>
      <div
        className={clsx(
          "mb-4 flex size-11 items-center justify-center rounded-full [&_svg]:size-5",
          tone === "danger" ? "bg-red-50 text-red-600" : "bg-indigo-50 text-indigo-600",
        )}
        aria-hidden="true"
      >
        {icon}
      </div>
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      {children && <div className="mt-2 text-sm leading-6 text-slate-600">{children}</div>}
      {actions && <div className="mt-6 flex flex-wrap items-center justify-center gap-2">{actions}</div>}
    </div>
  );
}
