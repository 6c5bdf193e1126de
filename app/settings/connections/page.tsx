import type { Metadata } from "next";
import { AdminOnlyState } from "@/components/settings/AdminOnlyState";
import { ConnectionsScreen } from "@/components/settings/ConnectionsScreen";
import { requirePageUser } from "@/lib/server/auth/page-session";

export const metadata: Metadata = { title: "Kafka connections" };
export const dynamic = "force-dynamic";

/** `/settings/connections`: stored Kafka clusters (admins). */
export default async function ConnectionsPage() {
  const { user, allowed } = await requirePageUser("/settings/connections", "admin");
  return allowed ? <ConnectionsScreen /> : <AdminOnlyState role={user.role} />;
}
