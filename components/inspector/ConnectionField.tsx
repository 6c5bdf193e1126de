"use client";

import { useId } from "react";
import { listConnections } from "@/lib/client/api/connections";
import { useApiResource } from "@/lib/client/use-api-resource";
import { FormField } from "@/components/ui/FormField";
import { Select } from "@/components/ui/Select";
import type { NodeFormProps } from "./node-form-props";
import { readString } from "./read-data";

type ConnectionSummary = { id: string; name: string; brokers: string[] };

/** Which Kafka cluster a source or sink uses: the server's own, or a connection an admin stored. */
export function ConnectionField({ data, errors, onChange }: Pick<NodeFormProps, "data" | "errors" | "onChange">) {
  const id = useId();
  const { state } = useApiResource(listConnections);
  const current = readString(data, "connection");
  const connections: ConnectionSummary[] = state.status === "ready" ? state.value : [];
  const known = current === "" || connections.some((connection) => connection.id === current);
  const options = [
    { value: "", label: "Server's cluster (KAFKA_BROKERS)" },
    ...connections.map((connection) => ({ value: connection.id, label: connection.name })),
    ...(known || state.status === "loading" ? [] : [{ value: current, label: "A deleted connection" }]),
  ];
  const fieldErrors = errors("connection");
  return (
    <FormField label="Kafka connection" htmlFor={`${id}-connection`} errors={fieldErrors} hint="Every source and sink of a pipeline uses the same cluster. Admins add connections in Settings.">
      <Select
        id={`${id}-connection`}
        data-testid="field-connection"
        value={current}
        invalid={fieldErrors.length > 0}
        disabled={state.status === "loading"}
        options={options}
        onChange={(event) => onChange("connection", event.target.value || undefined)}
      />
    </FormField>
  );
}
