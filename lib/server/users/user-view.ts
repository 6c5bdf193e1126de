import { toRole } from "@/lib/schemas/auth";
import type { UserView } from "@/lib/schemas/users";

export type { UserView };

/** The public shape of a user: never the password hash or sessions. */
export function toUserView(row: { id: string; name: string; email: string; role: string; disabled: boolean; createdAt: Date }): UserView {
  return { id: row.id, name: row.name, email: row.email, role: toRole(row.role), disabled: row.disabled, createdAt: row.createdAt.toISOString() };
}
