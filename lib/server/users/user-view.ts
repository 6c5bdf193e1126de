import { toRole, type Role } from "@/lib/schemas/auth";

export type UserView = { id: string; name: string; email: string; role: Role; disabled: boolean; createdAt: string };

/** The public shape of a user: never the password hash or sessions. */
export function toUserView(row: { id: string; name: string; email: string; role: string; disabled: boolean; createdAt: Date }): UserView {
  return { id: row.id, name: row.name, email: row.email, role: toRole(row.role), disabled: row.disabled, createdAt: row.createdAt.toISOString() };
}
