import Link from "next/link";
import { LogoMark } from "./LogoMark";
import { NavLink } from "./NavLink";

/** The product header shown on every screen: logo, name and the main navigation. */
export function AppHeader() {
  return (
    <header className="flex h-12 shrink-0 items-center gap-6 border-b border-slate-200 bg-white px-4">
      <Link href="/" className="flex items-center gap-2 rounded-md text-[15px] font-semibold tracking-tight text-slate-900">
        <LogoMark />
        Streamline
      </Link>
      <nav aria-label="Main" className="flex h-full items-center gap-1">
        <NavLink href="/" alsoActiveUnder={["/pipelines/"]}>
          Pipelines
        </NavLink>
      </nav>
    </header>
  );
}
