import { auditListResponse, type AuditEventView, type AuditQuery } from "@/lib/schemas/audit";
import { request } from "../api-client";

/** The audit log API from the browser (admins only). */

export type { AuditEventView };
export type AuditFilters = Omit<AuditQuery, "before">;

/** The newest 200 events matching `filters`, or the 200 before the event `before` (paging back). */
export async function listAuditEvents({ before, filters = {}, signal }: { before?: string; filters?: AuditFilters; signal?: AbortSignal } = {}): Promise<AuditEventView[]> {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filters, before })) if (value) search.set(name, value);
  const query = search.toString();
  return (await request("GET", `/api/audit${query ? `?${query}` : ""}`, { signal, schema: auditListResponse })).events;
}
