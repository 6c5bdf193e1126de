"use client";

import { CircleAlert, KeyRound, Plus, RefreshCw } from "lucide-react";
import { useState } from "react";
import type { Role } from "@/lib/schemas/auth";
import { listTokens, revokeToken, type TokenView } from "@/lib/client/api/tokens";
import { errorMessage } from "@/lib/client/api-error";
import { formatRelativeTime } from "@/lib/client/format-relative-time";
import { useApiResource } from "@/lib/client/use-api-resource";
import { useNow } from "@/lib/client/use-now";
import { Button } from "@/components/ui/Button";
import { Skeleton } from "@/components/ui/Skeleton";
import { StatePanel } from "@/components/ui/StatePanel";
import { NewTokenDialog } from "./NewTokenDialog";
import { RoleBadge } from "./RoleBadge";
import { SettingsPage } from "./SettingsPage";
import { SettingsTable } from "./SettingsTable";

/** `/settings/tokens`: the signed-in user's API tokens; create one, see when each was last used, revoke. */
export function TokensScreen({ role }: { role: Role }) {
  const { state, reload } = useApiResource(listTokens);
  const [creating, setCreating] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const now = useNow();

  async function revoke(token: TokenView) {
    setFailure(null);
    try {
      await revokeToken(token.id);
    } catch (error) {
      setFailure(`Could not revoke ${token.name}: ${errorMessage(error)}`);
    }
    reload();
  }

  const newButton = (
    <Button variant="primary" icon={<Plus />} onClick={() => setCreating(true)} data-testid="new-token">
      New token
    </Button>
  );

  return (
    <SettingsPage title="API tokens" description={<>For scripts, CI and Prometheus: send one as <code className="font-mono text-xs">Authorization: Bearer sl_…</code>. Only a hash is stored.</>} actions={newButton}>
      {failure && (
        <p role="alert" className="mb-3 flex items-center gap-2 text-xs text-red-700">
          <CircleAlert className="size-3.5" aria-hidden="true" />
          {failure}
        </p>
      )}
      {state.status === "loading" && <Skeleton className="h-32 w-full" />}
      {state.status === "error" && (
        <div className="rounded-lg border border-slate-200 bg-white">
          <StatePanel icon={<CircleAlert />} tone="danger" title="Could not load tokens" actions={<Button icon={<RefreshCw />} onClick={reload}>Try again</Button>}>
            {state.message}
          </StatePanel>
        </div>
      )}
      {state.status === "ready" && state.value.length === 0 && (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white" data-testid="tokens-empty">
          <StatePanel icon={<KeyRound />} title="No API tokens yet">
            Create one for each script or CI job, so you can revoke it alone when it is no longer needed.
          </StatePanel>
        </div>
      )}
      {state.status === "ready" && state.value.length > 0 && (
        <SettingsTable
          testId="tokens-table"
          head={
            <>
              <th scope="col">Name</th>
              <th scope="col" className="w-40">Token</th>
              <th scope="col" className="w-24">Role</th>
              <th scope="col" className="w-32">Created</th>
              <th scope="col" className="w-32">Last used</th>
              <th scope="col" className="w-28 text-right">
                <span className="sr-only">Actions</span>
              </th>
            </>
          }
        >
          {state.value.map((token) => (
            <tr key={token.id} data-testid="token-row" className={token.revokedAt ? "text-slate-500" : undefined}>
              <td className={token.revokedAt ? "" : "font-medium text-slate-900"}>
                <span className="block max-w-72 truncate" title={token.name}>
                  {token.name}
                </span>
              </td>
              <td>
                <code className="font-mono text-xs">{token.prefix}…</code>
              </td>
              <td>
                <RoleBadge role={token.role} />
              </td>
              <td className="text-slate-500">{formatRelativeTime(token.createdAt, now)}</td>
              <td className="text-slate-500">{token.lastUsedAt ? formatRelativeTime(token.lastUsedAt, now) : "never"}</td>
              <td className="text-right">
                {token.revokedAt ? (
                  <span className="text-xs">Revoked</span>
                ) : (
                  <Button size="sm" variant="ghost" onClick={() => void revoke(token)}>
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </SettingsTable>
      )}
      <NewTokenDialog open={creating} ownRole={role} onClose={() => setCreating(false)} onCreated={reload} />
    </SettingsPage>
  );
}
