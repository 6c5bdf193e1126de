import "server-only";
import type { SetupBody } from "@/lib/schemas/auth";
import { ApiError } from "../api/api-error";
import { getDb } from "../db/prisma";
import { isUniqueViolation } from "../pipelines/is-unique-violation";
import { hashUserPassword, insertUser } from "./insert-user";
import { toUserView, type UserView } from "./user-view";

/** True until the first admin exists: the first visit shows the setup page. */
export async function needsSetup(): Promise<boolean> {
  const db = await getDb();
  return (await db.setting.findUnique({ where: { key: "setup.completed" } })) === null && (await db.user.count()) === 0;
}

/**
 * Creates the first account, an admin. Only possible while no account exists:
 * the "setup.completed" row is inserted in the same transaction, so of two
 * racing requests exactly one succeeds and the other gets 409.
 */
export async function setupAdmin(body: SetupBody): Promise<UserView> {
  if (!(await needsSetup())) throw setupDone();
  const passwordHash = await hashUserPassword(body.password);
  const db = await getDb();
  try {
    const row = await db.$transaction(async (tx) => {
      await tx.setting.create({ data: { key: "setup.completed", value: new Date().toISOString() } });
      if ((await tx.user.count()) > 0) throw setupDone();
      return insertUser(tx, { name: body.name, email: body.email, role: "admin", passwordHash });
    });
    return toUserView(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw setupDone();
    throw error;
  }
}

function setupDone(): ApiError {
  return new ApiError(409, "conflict", "Streamline is already set up; sign in, or ask an admin for an account");
}
