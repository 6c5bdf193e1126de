import { z } from "zod";

/**
 * Sign-in and setup (`/api/auth/*`): roles, the rules for names, e-mails and
 * passwords that the users API shares, request bodies and answers. Shared by the
 * route handlers and the browser, which parses every answer with these.
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


// ─── Answers ──────────────────────────────────────────────────────────────────

/** The signed-in person as sign-in, setup and the session endpoint name them. */
export const sessionUser = z.object({ id: z.string(), name: z.string(), email: z.string(), role });

/** `GET /api/auth/setup`. */
export const setupStatusResponse = z.object({ needsSetup: z.boolean() });

/** `POST /api/auth/login` and `POST /api/auth/setup`. */
export const signedInResponse = z.object({ user: sessionUser });

/** `GET /api/auth/session`: who calls, and whether through a browser session or an API token. */
export const sessionResponse = z.object({ user: sessionUser, via: z.enum(["session", "token"]) });

export type SessionUser = z.infer<typeof sessionUser>;
export type SetupBody = z.infer<typeof setupBody>;
export type LoginBody = z.infer<typeof loginBody>;

/** Whether `held` is at least as powerful as `needed`. */
export function roleAtLeast(held: Role, needed: Role): boolean {
  return roles.indexOf(held) >= roles.indexOf(needed);
}

/** Reads a role stored as text; anything unknown counts as the weakest role. */
export function toRole(value: string): Role {
  return (roles as readonly string[]).includes(value) ? (value as Role) : "viewer";
}
