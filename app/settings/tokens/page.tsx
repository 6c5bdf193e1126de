import type { Metadata } from "next";
import { TokensScreen } from "@/components/settings/TokensScreen";
import { requirePageUser } from "@/lib/server/auth/page-session";

export const metadata: Metadata = { title: "API tokens" };
export const dynamic = "force-dynamic";

/** `/settings/tokens`: the signed-in user's API tokens. */
export default async function TokensPage() {
  const { user } = await requirePageUser("/settings/tokens");
  return <TokensScreen role={user.role} />;
}
