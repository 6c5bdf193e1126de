import { userListResponse, userResponse, type CreateUserBody, type UpdateUserBody, type UserView } from "@/lib/schemas/users";
import { request } from "../api-client";

/** The users API from the browser (admins only). */

export type { UserView };

/** Every account. */
export async function listUsers(signal?: AbortSignal): Promise<UserView[]> {
  return (await request("GET", "/api/users", { signal, schema: userListResponse })).users;
}

/** Creates an account with a role and an initial password. */
export async function createUser(input: CreateUserBody): Promise<UserView> {
  return (await request("POST", "/api/users", { json: input, schema: userResponse })).user;
}

/** Changes a user's name, role, password or disabled flag. */
export async function updateUser(id: string, input: UpdateUserBody): Promise<UserView> {
  return (await request("PATCH", `/api/users/${encodeURIComponent(id)}`, { json: input, schema: userResponse })).user;
}
