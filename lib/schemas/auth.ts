import { z } from "zod";

/**
 * Request bodies of the accounts, sign-in and API token endpoints, shared by
 * the route handlers and the browser's forms.
 */

/** The roles, least to most powerful. */
export const roles = ["viewer", "editor", "admin"] as const;
export type Role = (typeof roles)[number];

const noControlCharacters = (value: string) => !/[\u0000-\u001f\u007f]/.test(value);

export const role = z.enum(roles, { error: "Role must be viewer, editor or admin" });

export const email = z
  .string({ error: "E-mail must be a string" })
  .trim()
  .toLowerCase()
  .max(254, "E-mail addresses are at most 254 characters")
  .pipe(z.email({ error: "Enter an e-mail address such as ada@example.com" }));

export const personName = z
  .string({ error: "Name must be a string" })
  .trim()
  .min(1, "Name is required")
  .max(100, "Names are at most 100 characters")
  .refine(noControlCharacters, "Names cannot contain control characters such as line breaks");

/** Long enough to resist guessing; the upper bound keeps hashing cheap for the server. */
export const newPassword = z
  .string({ error: "Password must be a string" })
  .min(10, "Passwords are at least 10 characters")
  .max(200, "Passwords are at most 200 characters");

export const setupBody = z.strictObject({ name: personName, email, password: newPassword });

export const loginBody = z.strictObject({
  email,
  password: z.string({ error: "Password must be a string" }).min(1, "Password is required").max(200, "Passwords are at most 200 characters"),
});

export const createUserBody = z.strictObject({ name: personName, email, password: newPassword, role });

export const updateUserBody = z
  .strictObject({ name: personName.optional(), role: role.optional(), disabled: z.boolean({ error: "Disabled must be true or false" }).optional(), password: newPassword.optional() })
  .refine((body) => Object.values(body).some((value) => value !== undefined), "Send a name, role, disabled or password to change");

export const tokenName = z
  .string({ error: "Name must be a string" })
  .trim()
  .min(1, "Name is required")
  .max(100, "Names are at most 100 characters")
  .refine(noControlCharacters, "Names cannot contain control characters such as line breaks");

export const createTokenBody = z.strictObject({ name: tokenName, role: role.optional() });

export type SetupBody = z.infer<typeof setupBody>;
export type LoginBody = z.infer<typeof loginBody>;
export type CreateUserBody = z.infer<typeof createUserBody>;
export type UpdateUserBody = z.infer<typeof updateUserBody>;
export type CreateTokenBody = z.infer<typeof createTokenBody>;

/** Whether `held` is at least as powerful as `needed`. */
export function roleAtLeast(held: Role, needed: Role): boolean {
  return roles.indexOf(held) >= roles.indexOf(needed);
}

/** Reads a role stored as text; anything unknown counts as the weakest role. */
export function toRole(value: string): Role {
  return (roles as readonly string[]).includes(value) ? (value as Role) : "viewer";
}
