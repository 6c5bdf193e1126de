import type { Metadata } from "next";
import { TopicScreen } from "@/components/topics/TopicScreen";
import { roleAtLeast } from "@/lib/schemas/auth";
import { requirePageUser } from "@/lib/server/auth/page-session";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  return { title: decodeURIComponent((await params).name) };
}

/** `/topics/:name?connection=`: one topic: partitions, live tail, search, produce. */
export default async function TopicPage({ params, searchParams }: { params: Promise<{ name: string }>; searchParams: Promise<{ connection?: string }> }) {
  const { name } = await params;
  const { user } = await requirePageUser(`/topics/${name}`);
  const { connection } = await searchParams;
  return <TopicScreen name={decodeURIComponent(name)} connection={connection || undefined} canWrite={roleAtLeast(user.role, "editor")} />;
}
