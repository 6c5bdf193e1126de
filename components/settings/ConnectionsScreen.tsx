"use client";

import { Cable, CircleAlert, Lock, Plus, RefreshCw } from "lucide-react";
import { useState } from "react";
import { deleteConnection, listConnections, type ConnectionView } from "@/lib/client/api/connections";
import { errorMessage } from "@/lib/client/api-error";
import { formatRelativeTime } from "@/lib/client/format-relative-time";
import { useApiResource } from "@/lib/client/use-api-resource";
import { useNow } from "@/lib/client/use-now";
import { Button } from "@/components/ui/Button";
import { Skeleton } from "@/components/ui/Skeleton";
import { StatePanel } from "@/components/ui/StatePanel";
import { ConnectionDialog } from "./ConnectionDialog";
import { SettingsPage } from "./SettingsPage";
import { SettingsTable } from "./SettingsTable";

const mechanismLabels: Record<string, string> = { none: "No authentication", plain: "SASL PLAIN", "scram-sha-256": "SCRAM-SHA-256", "scram-sha-512": "SCRAM-SHA-512" };

/** `/settings/connections`: the Kafka clusters sources and sinks can use (admins). */
export function ConnectionsScreen() {
  const { state, reload } = useApiResource(listConnections);
  const [editing, setEditing] = useState<"new" | ConnectionView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const now = useNow();

  async function remove(connection: ConnectionView) {
    if (!window.confirm(`Delete the connection “${connection.name}”? Pipelines that use it will not deploy until they pick another.`)) return;
    setFailure(null);
    try {
      await deleteConnection(connection.id);
    } catch (error) {
      setFailure(`Could not delete ${connection.name}: ${errorMessage(error)}`);
    }
    reload();
  }

  return (
    <SettingsPage
      title="Kafka connections"
      description="Clusters that sources and sinks can use besides the server's own. Passwords are encrypted at rest and never shown again."
      actions={
        <Button variant="primary" icon={<Plus />} onClick={() => setEditing("new")} data-testid="new-connection">
          New connection
        </Button>
      }
    >
      {failure && (
        <p role="alert" className="mb-3 flex items-center gap-2 text-xs text-red-700">
          <CircleAlert className="size-3.5" aria-hidden="true" />
          {failure}
        </p>
      )}
      {state.status === "loading" && <Skeleton className="h-32 w-full" />}
      {state.status === "error" && (
        <div className="rounded-lg border border-slate-200 bg-white">
          <StatePanel icon={<CircleAlert />} tone="danger" title="Could not load connections" actions={<Button icon={<RefreshCw />} onClick={reload}>Try again</Button>}>
            {state.message}
          </StatePanel>
        </div>
      )}
      {state.status === "ready" && state.value.length === 0 && (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white" data-testid="connections-empty">
          <StatePanel icon={<Cable />} title="No stored connections">
            Pipelines use the server&apos;s own cluster (KAFKA_BROKERS). Add a connection to reach another cluster, with SASL or TLS.
          </StatePanel>
        </div>
      )}
      {state.status === "ready" && state.value.length > 0 && (
        <SettingsTable
          testId="connections-table"
          head={
            <>
              <th scope="col">Name</th>
              <th scope="col">Brokers</th>
              <th scope="col" className="w-56">Security</th>
              <th scope="col" className="w-32">Changed</th>
              <th scope="col" className="w-36 text-right">
                <span className="sr-only">Actions</span>
              </th>
            </>
          }
        >
          {state.value.map((connection) => (
            <tr key={connection.id} data-testid="connection-row">
              <td className="font-medium text-slate-900">
                <span className="block max-w-56 truncate" title={connection.name}>
                  {connection.name}
                </span>
              </td>
              <td className="font-mono text-xs text-slate-600">
                <span className="block max-w-72 truncate" title={connection.brokers.join(", ")}>
                  {connection.brokers.join(", ")}
                </span>
                {connection.registryUrl && (
                  <span className="block max-w-72 truncate text-slate-500" title={`Schema Registry: ${connection.registryUrl}`}>
                    registry {connection.registryUrl}
                  </span>
                )}
              </td>
              <td className="text-xs text-slate-600">
                <span className="flex items-center gap-1.5">
                  {(connection.tls || connection.hasPassword) && <Lock className="size-3.5 text-slate-500" aria-hidden="true" />}
                  {mechanismLabels[connection.saslMechanism] ?? connection.saslMechanism}
                  {connection.saslMechanism !== "none" && ` as ${connection.username}`}
                  {connection.tls && (connection.hasCa ? " · TLS, own CA" : " · TLS")}
                </span>
              </td>
              <td className="text-slate-500">{formatRelativeTime(connection.updatedAt, now)}</td>
              <td className="text-right whitespace-nowrap">
                <Button size="sm" variant="ghost" onClick={() => setEditing(connection)}>
                  Edit
                </Button>
                <Button size="sm" variant="ghost" onClick={() => void remove(connection)}>
                  Delete
                </Button>
              </td>
            </tr>
          ))}
        </SettingsTable>
      )}
      <ConnectionDialog editing={editing} onClose={() => setEditing(null)} onSaved={reload} />
    </SettingsPage>
  );
}
