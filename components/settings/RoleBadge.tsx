import clsx from "clsx";
import type { Role } from "@/lib/schemas/auth";

const tones: Record<Role, string> = {
  admin: "bg-indigo-50 text-indigo-700 ring-indigo-200",
  editor: "bg-slate-100 text-slate-700 ring-slate-200",
  viewer: "bg-white text-slate-600 ring-slate-200",
};

/** A role as a small label. Not a status colour: roles are not states. */
export function RoleBadge({ role }: { role: Role }) {
  return <span className={clsx("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium capitalize ring-1 ring-inset", tones[role])}>{role}</span>;
}
