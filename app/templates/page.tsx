import type { Metadata } from "next";
import { TemplatesScreen } from "@/components/templates/TemplatesScreen";
import { requirePageUser } from "@/lib/server/auth/page-session";

export const metadata: Metadata = { title: "Templates" };

/** `/templates`: the templates gallery (anyone signed in; editors create pipelines and load sample data). */
export default async function TemplatesPage() {
  await requirePageUser("/templates");
  return <TemplatesScreen />;
}
