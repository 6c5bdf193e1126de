import "server-only";
import { randomUUID } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { readDatabaseConfig } from "../db/database-config";
import { getDb, type Db } from "../db/prisma";
import { derivedKey } from "./secret-key";

/** How long a sign-in lasts without activity, and how often an active session is extended. */
const sessionSeconds = 7 * 24 * 60 * 60;
const sessionRefreshSeconds = 24 * 60 * 60;

function createAuth(provider: "sqlite" | "postgresql") {
  return betterAuth({
    appName: "Streamline",
    // Better Auth's own HTTP endpoints are not mounted: Streamline's routes call `auth.api` after their
    // own Origin check, role check and rate limit, so the base URL only names the app in Better Auth's eyes.
    baseURL: process.env.STREAMLINE_PUBLIC_URL?.trim() || "http://localhost:3000",
    secret: derivedKey("session-cookie").toString("hex"),
    database: prismaAdapter(lazyDb(), { provider }),
    emailAndPassword: {
      enabled: true,
      // Accounts are created by the first-visit setup and by admins, never by self sign-up.
      disableSignUp: true,
      minPasswordLength: 10,
      maxPasswordLength: 200,
    },
    session: { expiresIn: sessionSeconds, updateAge: sessionRefreshSeconds },
    user: {
      additionalFields: {
        role: { type: "string", required: false, defaultValue: "viewer", input: false },
        disabled: { type: "boolean", required: false, defaultValue: false, input: false },
      },
    },
    // Sign-in is rate-limited by Streamline's login route (lib/server/auth/login-rate-limit.ts).
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    advanced: {
      cookiePrefix: "streamline",
      // Secure cookies need HTTPS; behind a TLS proxy set STREAMLINE_PUBLIC_URL=https://… to turn them on.
      useSecureCookies: (process.env.STREAMLINE_PUBLIC_URL ?? "").startsWith("https://"),
      database: { generateId: () => randomUUID() },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** The Better Auth instance for the configured database, created once per process and provider. */
export function getAuth(): Auth {
  const provider = readDatabaseConfig().provider;
  const holder = globalThis as unknown as { streamlineAuth?: { provider: string; auth: Auth } };
  if (holder.streamlineAuth?.provider !== provider) holder.streamlineAuth = { provider, auth: createAuth(provider) };
  return holder.streamlineAuth.auth;
}

/**
 * A stand-in for the Prisma client that Better Auth can hold from the start:
 * every model call waits for `getDb()` (which applies migrations first) and
 * follows DATABASE_URL, so tests that switch databases keep working.
 */
function lazyDb(): Db {
  const model = (name: string) =>
    new Proxy({}, { get: (_target, method: string) => async (...args: unknown[]) => ((await getDb()) as any)[name][method](...args) });
  return new Proxy({} as Db, {
    get: (_target, property: string) => {
      if (property === "$transaction") return async (work: unknown) => ((await getDb()) as any).$transaction(work);
      if (property === "then") return undefined;
      return model(property);
    },
  });
}
