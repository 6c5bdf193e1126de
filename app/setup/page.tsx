import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/AuthCard";
import { SetupForm } from "@/components/auth/SetupForm";
import { needsSetup } from "@/lib/server/users/setup-admin";

export const metadata: Metadata = { title: "Set up" };
export const dynamic = "force-dynamic";

/** `/setup`: the first visit creates the admin account; afterwards this page only points to the sign-in. */
export default async function SetupPage() {
  if (!(await needsSetup())) redirect("/login");
  return (
    <AuthCard
      title="Welcome to Streamline"
      subtitle="Create the first account. It is an admin: it adds users, sets roles and manages Kafka connections."
      footer="Nobody can use Streamline before this account exists, and this page closes once it does."
    >
      <SetupForm />
    </AuthCard>
  );
}
