import "server-only";
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import type { Role } from "@/lib/schemas/auth";
import type { Db } from "../db/prisma";

type Transaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Hashes a password with Better Auth's hasher (scrypt), the same one sign-in verifies with. Slow on purpose: call it outside transactions. */
export function hashUserPassword(password: string): Promise<string> {
  return hashPassword(password);
}

/**
 * Inserts a user and their password ("credential") account in the shape
 * Better Auth signs in against. Self sign-up is off, so this is the only way
 * accounts come to exist.
 */
export async function insertUser(
  tx: Transaction,
  user: { name: string; email: string; role: Role; passwordHash: string },
): Promise<{ id: string; name: string; email: string; role: string; disabled: boolean; createdAt: Date }> {
  const id = randomUUID();
  const row = await tx.user.create({ data: { id, name: user.name, email: user.email, role: user.role, emailVerified: true } });
  await tx.account.create({ data: { id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: user.passwordHash } });
  return row;
}
