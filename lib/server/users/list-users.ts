import "server-only";
import { getDb } from "../db/prisma";
import { toUserView, type UserView } from "./user-view";

/** Every account, oldest first (the first is the admin who set Streamline up). */
export async function listUsers(): Promise<UserView[]> {
  const db = await getDb();
  return (await db.user.findMany({ orderBy: { createdAt: "asc" } })).map(toUserView);
}
