import { z } from "zod";
import { email, newPassword, personName, role } from "./auth";

/**
 * The users API (`/api/users`, admins only): request bodies and answers, shared by
 * the route handlers, the server functions that shape the answers and the
 * browser's client, which parses every answer with these.
 */

export const createUserBody = z.strictObject({ name: personName, email, password: newPassword, role });

export const updateUserBody = z
  .strictObject({ name: personName.optional(), role: role.optional(), disabled: z.boolean({ error: "Disabled must be true or false" }).optional(), password: newPassword.optional() })
  .refine((body) => Object.values(body).some((value) => value !== undefined), "Send a name, role, disabled or password to change");
export type CreateUserBody = z.infer<typeof createUserBody>;
export type UpdateUserBody = z.infer<typeof updateUserBody>;

// ─── Answers ──────────────────────────────────────────────────────────────────

/** An account as the API shows it: never the password hash or sessions. */
export const userView = z.object({ id: z.string(), name: z.string(), email: z.string(), role, disabled: z.boolean(), createdAt: z.string() });

export const userListResponse = z.object({ users: z.array(userView) });
export const userResponse = z.object({ user: userView });

export type UserView = z.infer<typeof userView>;
