import type { Metadata } from "next";
import { TopicsScreen } from "@/components/topics/TopicsScreen";
import { roleAtLeast } from "@/lib/schemas/auth";
import { requirePageUser } from "@/lib/server/auth/page-session";

export const metadata: Metadata = { title: "Topics" };
export const dynamic = "force-dynamic";

/** `/topics?connection=`: the topic browser's list (anyone signed in; editors create topics). */
export default async function TopicsPage({ searchParams }: { searchParams: Promise<{ connection?: string }> }) {
  const { user } = await requirePageUser("/topics");
  const { connection } = await searchParams;
  return <TopicsScreen key={connection ?? ""} connection={connection || undefined} canWrite={roleAtLeast(user.role, "editor")} />;
}
