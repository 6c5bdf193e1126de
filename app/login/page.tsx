import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/AuthCard";
import { LoginForm } from "@/components/auth/LoginForm";
import { currentUser } from "@/lib/server/auth/page-session";
import { needsSetup } from "@/lib/server/users/setup-admin";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

/** `/login`: e-mail and password. Goes to the setup while no account exists, and onwards when already signed in. */
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNext((await searchParams).next);
  if (await currentUser()) redirect(next);
  if (await needsSetup()) redirect("/setup");
  return (
    <AuthCard title="Sign in to Streamline" subtitle="Use the account an admin created for you." footer="Forgot your password? An admin can set a new one on the Users page.">
      <LoginForm next={next} />
    </AuthCard>
  );
}

/** Only a path on this site: `next=https://evil.example` or `//evil.example` must not become an open redirect. */
function safeNext(value: string | string[] | undefined): string {
  const next = Array.isArray(value) ? value[0] : value;
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}
