import "server-only";
import type { UpdateUserBody } from "@/lib/schemas/users";
import { ApiError, notFound } from "../api/api-error";
import { getDb } from "../db/prisma";
import { hashUserPassword } from "./insert-user";
import { toUserView, type UserView } from "./user-view";

/**
 * Changes a user's name, role, password or disabled flag (admins only; the
 * route checks). Disabling a user or changing their password ends their
 * sessions. The last enabled admin can be neither demoted nor disabled, so
 * nobody is locked out of administration.
 */
export async function updateUser(id: string, body: UpdateUserBody): Promise<UserView> {
  const passwordHash = body.password === undefined ? undefined : await hashUserPassword(body.password);
  const db = await getDb();
  const row = await db.$transaction(async (tx) => {
    const current = await tx.user.findUnique({ where: { id } });
    if (!current) throw notFound(`User '${id}'`);
    const losesAdmin = current.role === "admin" && !current.disabled && ((body.role !== undefined && body.role !== "admin") || body.disabled === true);
    if (losesAdmin && (await tx.user.count({ where: { role: "admin", disabled: false } })) <= 1) {
      throw new ApiError(409, "conflict", "This is the only enabled admin; make someone else an admin first");
    }
    const updated = await tx.user.update({ where: { id }, data: { name: body.name, role: body.role, disabled: body.disabled } });
    if (passwordHash) await tx.account.updateMany({ where: { userId: id, providerId: "credential" }, data: { password: passwordHash } });
    if (body.disabled === true || passwordHash) await tx.session.deleteMany({ where: { userId: id } });
    return updated;
  });
  return toUserView(row);
}
