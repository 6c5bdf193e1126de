"use client";

import { useApiResource } from "@/lib/client/use-api-resource";
import { listConnections } from "@/lib/client/api/connections";
import { Select } from "@/components/ui/Select";

/** Picks the cluster the topic browser shows: the server's own, or a stored connection. */
export function ClusterPicker({ value, onChange }: { value: string | undefined; onChange: (connection: string | undefined) => void }) {
  const { state } = useApiResource(listConnections);
  const connections = state.status === "ready" ? state.value : [];
  return (
    <Select
      aria-label="Kafka cluster"
      className="w-56"
      value={value ?? ""}
      onChange={(event) => onChange(event.target.value || undefined)}
      options={[{ value: "", label: "Server cluster" }, ...connections.map((connection) => ({ value: connection.id, label: connection.name }))]}
      data-testid="cluster-picker"
    />
  );
}
