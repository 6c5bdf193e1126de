import "server-only";
import type { CreateUserBody } from "@/lib/schemas/users";
import { ApiError } from "../api/api-error";
import { getDb } from "../db/prisma";
import { isUniqueViolation } from "../pipelines/is-unique-violation";
import { hashUserPassword, insertUser } from "./insert-user";
import { toUserView, type UserView } from "./user-view";

/** Creates an account with a role and an initial password (admins only; the route checks). */
export async function createUser(body: CreateUserBody): Promise<UserView> {
  const passwordHash = await hashUserPassword(body.password);
  const db = await getDb();
  try {
    return toUserView(await db.$transaction((tx) => insertUser(tx, { name: body.name, email: body.email, role: body.role, passwordHash })));
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError(409, "conflict", `An account for '${body.email}' already exists`);
    throw error;
  }
}
