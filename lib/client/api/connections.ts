import type { z } from "zod";
import { connectionListResponse, connectionResponse, type ConnectionView, type createConnectionBody, type updateConnectionBody } from "@/lib/schemas/connections";
import { request } from "../api-client";

/** The Kafka connections API from the browser. */

export type { ConnectionView };
export type CreateConnectionInput = z.input<typeof createConnectionBody>;
export type UpdateConnectionInput = z.input<typeof updateConnectionBody>;

/** The stored connections, without secrets. */
export async function listConnections(signal?: AbortSignal): Promise<ConnectionView[]> {
  return (await request("GET", "/api/connections", { signal, schema: connectionListResponse })).connections;
}

/** Stores a connection (admin); its password is encrypted and never returned. */
export async function createConnection(input: CreateConnectionInput): Promise<ConnectionView> {
  return (await request("POST", "/api/connections", { json: input, schema: connectionResponse })).connection;
}

/** Changes a connection (admin); an omitted password keeps the stored one. */
export async function updateConnection(id: string, input: UpdateConnectionInput): Promise<ConnectionView> {
  return (await request("PUT", `/api/connections/${encodeURIComponent(id)}`, { json: input, schema: connectionResponse })).connection;
}

/** Deletes a connection (admin). */
export async function deleteConnection(id: string): Promise<void> {
  await request("DELETE", `/api/connections/${encodeURIComponent(id)}`);
}
