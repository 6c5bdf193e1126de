import type { ReactNode } from "react";

type SettingsPageProps = { title: string; description: ReactNode; actions?: ReactNode; children: ReactNode };

/** The frame of the users, tokens and audit pages: title, one line of explanation, actions, content. */
export function SettingsPage({ title, description, actions, children }: SettingsPageProps) {
  return (
    <div className="mx-auto w-full max-w-5xl overflow-y-auto px-6 py-8">
      <div className="mb-6 flex items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
          <p className="mt-1 text-sm text-slate-500">{description}</p>
        </div>
        {actions && <div className="flex items-center gap-2">{actions}</div>}
      </div>
      {children}
    </div>
  );
}
