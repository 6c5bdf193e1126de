import type { ReactNode } from "react";
import { LogoMark } from "@/components/ui/LogoMark";

/** The centred card of the sign-in and first-visit pages. */
export function AuthCard({ title, subtitle, children, footer }: { title: string; subtitle: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="flex flex-1 items-start justify-center overflow-y-auto px-4 pt-[12vh] pb-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex flex-col items-center text-center">
          <div className="mb-4">
            <LogoMark size={36} />
          </div>
          <h1 className="text-lg font-semibold tracking-tight text-slate-900">{title}</h1>
          <p className="mt-1 text-sm text-slate-500">{subtitle}</p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
        {footer && <div className="mt-4 text-center text-xs leading-5 text-slate-500">{footer}</div>}
      </div>
    </div>
  );
}
