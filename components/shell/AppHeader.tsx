import Link from "next/link";
import type { Role } from "@/lib/schemas/auth";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { LogoMark } from "@/components/ui/LogoMark";
import { NavLink } from "@/components/ui/NavLink";
import { ThemeToggle } from "./ThemeToggle";

type HeaderUser = { name: string; email: string; role: Role };

/** The product header shown on every screen: logo, name, the main navigation, the theme menu and who is signed in. */
export function AppHeader({ user }: { user: HeaderUser | null }) {
  return (
    <header className="flex h-12 shrink-0 items-center gap-6 border-b border-slate-200 bg-white px-4">
      <Link href="/" className="flex items-center gap-2 rounded-md text-[15px] font-semibold tracking-tight text-slate-900">
        <LogoMark />
        Streamline
      </Link>
      {user ? (
        <>
          <nav aria-label="Main" className="flex h-full items-center gap-1">
            <NavLink href="/" alsoActiveUnder={["/pipelines/"]}>
              Pipelines
            </NavLink>
            <NavLink href="/topics" alsoActiveUnder={["/topics/"]}>
              Topics
            </NavLink>
            <NavLink href="/templates">Templates</NavLink>
            {user.role === "admin" && (
              <>
                <NavLink href="/settings/connections">Connections</NavLink>
                <NavLink href="/settings/users">Users</NavLink>
                <NavLink href="/settings/audit">Audit log</NavLink>
              </>
            )}
            <NavLink href="/settings/tokens">API tokens</NavLink>
          </nav>
          <div className="ml-auto">
            <ThemeToggle />
          </div>
          <div className="-ml-3 flex items-center gap-3" data-testid="signed-in-user">
            <div className="flex flex-col items-end leading-tight">
              <span className="max-w-48 truncate text-xs font-medium text-slate-900" title={user.email}>
                {user.name}
              </span>
              <span className="text-[11px] text-slate-500 capitalize">{user.role}</span>
            </div>
            <SignOutButton />
          </div>
        </>
      ) : (
        <div className="ml-auto">
          <ThemeToggle />
        </div>
      )}
    </header>
  );
}
