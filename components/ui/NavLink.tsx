"use client";

import clsx from "clsx";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

type NavLinkProps = {
  href: string;
  /** Other path prefixes that belong to the same section (the editor belongs to Pipelines). */
  alsoActiveUnder?: readonly string[];
  children: ReactNode;
};

/** A header navigation link underlined while its section is open. */
export function NavLink({ href, alsoActiveUnder = [], children }: NavLinkProps) {
  const pathname = usePathname();
  const active = pathname === href || alsoActiveUnder.some((prefix) => pathname.startsWith(prefix));
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={clsx(
        "relative flex h-full items-center px-2 text-sm font-medium transition-colors",
        active ? "text-slate-900" : "text-slate-500 hover:text-slate-900",
      )}
    >
      {children}
      {active && <span className="absolute inset-x-2 bottom-0 h-0.5 rounded-full bg-indigo-600" aria-hidden="true" />}
    </Link>
  );
}
