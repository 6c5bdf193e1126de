import { auditListResponse, type AuditEventView } from "@/lib/schemas/audit";
import { request } from "../api-client";

/** The audit log API from the browser (admins only). */

export type { AuditEventView };

/** The newest 200 events, or the 200 before the event `before` (paging back). */
export async function listAuditEvents({ before, signal }: { before?: string; signal?: AbortSignal } = {}): Promise<AuditEventView[]> {
  const query = before ? `?before=${encodeURIComponent(before)}` : "";
  return (await request("GET", `/api/audit${query}`, { signal, schema: auditListResponse })).events;
}
