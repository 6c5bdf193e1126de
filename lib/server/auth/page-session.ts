import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { roleAtLeast, type Role } from "@/lib/schemas/auth";
import { needsSetup } from "../users/setup-admin";
import { sessionPrincipal } from "./authenticate";
import type { Principal } from "./principal";

/** The signed-in user of the page being rendered (session cookie only), or null. */
export async function currentUser(): Promise<Principal | null> {
  return sessionPrincipal(new Headers(await headers()));
}

/**
 * For pages: sends a visitor to the first-visit setup while nobody has an
 * account, to the sign-in page (coming back to `path` afterwards) when not
 * signed in, and reports whether the user holds `needed`. Pages only show
 * what their API calls return, and those check again in every handler.
 */
export async function requirePageUser(path: string, needed: Role = "viewer"): Promise<{ user: Principal; allowed: boolean }> {
  const user = await currentUser();
  if (!user) {
    if (await needsSetup()) redirect("/setup");
    redirect(`/login?next=${encodeURIComponent(path)}`);
  }
  return { user, allowed: roleAtLeast(user.role, needed) };
}
