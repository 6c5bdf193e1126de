import type { ReactNode } from "react";

/** The bordered white table the settings pages share. */
export function SettingsTable({ head, children, testId }: { head: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs">
      <table className="w-full text-sm" data-testid={testId}>
        <thead>
          <tr className="border-b border-slate-200 bg-slate-50/70 text-left text-xs text-slate-500 [&>th]:py-2 [&>th]:pr-4 [&>th]:font-medium [&>th:first-child]:pl-4">{head}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100 [&>tr>td]:py-2.5 [&>tr>td]:pr-4 [&>tr>td:first-child]:pl-4">{children}</tbody>
      </table>
    </div>
  );
}
