import type { Metadata } from "next";
import { AdminOnlyState } from "@/components/settings/AdminOnlyState";
import { AuditScreen } from "@/components/settings/AuditScreen";
import { requirePageUser } from "@/lib/server/auth/page-session";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

/** `/settings/audit`: the audit log (admins). */
export default async function AuditPage() {
  const { user, allowed } = await requirePageUser("/settings/audit", "admin");
  return allowed ? <AuditScreen /> : <AdminOnlyState role={user.role} />;
}
