import type { Metadata } from "next";
import { ExpressionReference } from "@/components/docs/ExpressionReference";
import { requirePageUser } from "@/lib/server/auth/page-session";

export const metadata: Metadata = { title: "Expression reference" };
export const dynamic = "force-dynamic";

/** `/docs/expressions`: the built-in functions and keywords of the expression language, from its registry. */
export default async function ExpressionReferencePage() {
  await requirePageUser("/docs/expressions");
  return <ExpressionReference />;
}
