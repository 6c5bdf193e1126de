"use client";

import { createContext, useContext, type ReactNode } from "react";
import { roleAtLeast, type Role } from "@/lib/schemas/auth";

const SessionRoleContext = createContext<Role | null>(null);

/** Tells the browser's components the signed-in user's role, so they hide what the API would refuse. */
export function SessionProvider({ role, children }: { role: Role | null; children: ReactNode }) {
  return <SessionRoleContext.Provider value={role}>{children}</SessionRoleContext.Provider>;
}

/**
 * Whether the signed-in user may change pipelines (editor or admin). Only for
 * showing and hiding controls: every API call is checked on the server.
 */
export function useCanEdit(): boolean {
  const role = useContext(SessionRoleContext);
  return role !== null && roleAtLeast(role, "editor");
}
