import { toRole } from "@/lib/schemas/auth";
import type { TokenView } from "@/lib/schemas/tokens";

export type { TokenView };

/** The public shape of an API token: never its hash, and its secret only once, at creation. */
export function toTokenView(row: { id: string; name: string; prefix: string; role: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): TokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: toRole(row.role),
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
