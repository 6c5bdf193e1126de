import type { Metadata } from "next";
import { AdminOnlyState } from "@/components/settings/AdminOnlyState";
import { UsersScreen } from "@/components/settings/UsersScreen";
import { requirePageUser } from "@/lib/server/auth/page-session";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

/** `/settings/users`: accounts and roles (admins). */
export default async function UsersPage() {
  const { user, allowed } = await requirePageUser("/settings/users", "admin");
  return allowed ? <UsersScreen currentUserId={user.userId} /> : <AdminOnlyState role={user.role} />;
}
