"use client";

import { useEffect, useState } from "react";
import type { SaslMechanism } from "@/lib/schemas/connections";
import { createConnection, updateConnection, type ConnectionView } from "@/lib/client/api/connections";
import { errorMessage, fieldErrors } from "@/lib/client/api-error";
import { FormAlert } from "@/components/auth/FormAlert";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { FormField } from "@/components/ui/FormField";
import { Select } from "@/components/ui/Select";
import { TextArea } from "@/components/ui/TextArea";
import { TextInput } from "@/components/ui/TextInput";

const mechanisms = [
  { value: "none", label: "None" },
  { value: "plain", label: "SASL PLAIN" },
  { value: "scram-sha-256", label: "SASL SCRAM-SHA-256" },
  { value: "scram-sha-512", label: "SASL SCRAM-SHA-512" },
];

type ConnectionDialogProps = {
  /** "new", a connection to edit, or null when closed. */
  editing: "new" | ConnectionView | null;
  onClose: () => void;
  onSaved: () => void;
};

/** Creates or edits a Kafka connection. The password is write-only: the form never receives it back. */
export function ConnectionDialog({ editing, onClose, onSaved }: ConnectionDialogProps) {
  const existing = editing !== "new" && editing !== null ? editing : null;
  const [name, setName] = useState("");
  const [brokers, setBrokers] = useState("");
  const [mechanism, setMechanism] = useState<SaslMechanism>("none");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [tls, setTls] = useState(false);
  const [caPem, setCaPem] = useState("");
  const [registryUrl, setRegistryUrl] = useState("");
  const [registryUsername, setRegistryUsername] = useState("");
  const [registryPassword, setRegistryPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [alert, setAlert] = useState<string | null>(null);

  useEffect(() => {
    setName(existing?.name ?? "");
    setBrokers(existing?.brokers.join("\n") ?? "");
    setMechanism(existing?.saslMechanism ?? "none");
    setUsername(existing?.username ?? "");
    setPassword("");
    setTls(existing?.tls ?? false);
    setCaPem(existing?.caPem ?? "");
    setRegistryUrl(existing?.registryUrl ?? "");
    setRegistryUsername(existing?.registryUsername ?? "");
    setRegistryPassword("");
    setErrors({});
    setAlert(null);
  }, [editing, existing]);

  async function submit() {
    setBusy(true);
    setErrors({});
    setAlert(null);
    const body = {
      name,
      brokers: brokers.split(/[\s,]+/).filter(Boolean),
      saslMechanism: mechanism,
      ...(mechanism === "none" ? {} : { username, ...(password ? { password } : {}) }),
      tls,
      ...(tls ? { caPem } : {}),
      // An empty URL removes the registry (on edit) with its login; an empty password keeps the stored one.
      ...(registryUrl.trim() || existing?.registryUrl ? { registryUrl: registryUrl.trim() } : {}),
      ...(registryUrl.trim() ? { registryUsername: registryUsername.trim(), ...(registryPassword ? { registryPassword } : {}) } : {}),
    };
    try {
      if (existing) await updateConnection(existing.id, body);
      else await createConnection(body);
      setBusy(false);
      onSaved();
      onClose();
    } catch (error) {
      const byField = fieldErrors(error);
      // A refused broker (422) names it per field too.
      const details = (error as { details?: unknown }).details;
      if (Array.isArray(details) && (error as { status?: number }).status === 422) {
        for (const detail of details as { field?: string; message?: string }[]) if (detail.field && detail.message) (byField[detail.field.startsWith("brokers") ? "brokers" : detail.field] ??= []).push(detail.message);
      }
      const grouped: Record<string, string[]> = {};
      for (const [field, messages] of Object.entries(byField)) (grouped[field.startsWith("brokers") ? "brokers" : field] ??= []).push(...messages);
      setErrors(grouped);
      if (Object.keys(grouped).length === 0) setAlert(errorMessage(error));
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={editing !== null}
      onClose={() => !busy && onClose()}
      title={existing ? `Edit ${existing.name}` : "New Kafka connection"}
      description="Brokers must be on the server's allowlist: loopback, the KAFKA_BROKERS hosts and STREAMLINE_BROKER_ALLOWLIST."
      data-testid="connection-dialog"
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button variant="primary" onClick={submit} disabled={busy} data-testid="save-connection">
            {busy ? "Saving…" : existing ? "Save changes" : "Create connection"}
          </Button>
        </>
      }
    >
      <form
        className="flex flex-col gap-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <FormAlert message={alert} />
        <FormField label="Name" htmlFor="connection-name" errors={errors.name}>
          <TextInput id="connection-name" value={name} onChange={(e) => setName(e.target.value)} invalid={Boolean(errors.name)} autoFocus />
        </FormField>
        <FormField label="Brokers" htmlFor="connection-brokers" errors={errors.brokers} hint="host:port, one per line.">
          <TextArea id="connection-brokers" className="font-mono" rows={2} value={brokers} onChange={(e) => setBrokers(e.target.value)} invalid={Boolean(errors.brokers)} placeholder="kafka-1.example.com:9092" />
        </FormField>
        <FormField label="Authentication" htmlFor="connection-sasl" errors={errors.saslMechanism}>
          <Select id="connection-sasl" value={mechanism} onChange={(e) => setMechanism(e.target.value as SaslMechanism)} options={mechanisms} />
        </FormField>
        {mechanism !== "none" && (
          <div className="grid grid-cols-2 gap-3">
            <FormField label="Username" htmlFor="connection-username" errors={errors.username}>
              <TextInput id="connection-username" autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} invalid={Boolean(errors.username)} />
            </FormField>
            <FormField label="Password" htmlFor="connection-password" errors={errors.password} hint={existing?.hasPassword ? "Stored, encrypted. Leave empty to keep it." : "Stored encrypted; never shown again."}>
              <TextInput id="connection-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} invalid={Boolean(errors.password)} placeholder={existing?.hasPassword ? "••••••••" : ""} />
            </FormField>
          </div>
        )}
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" className="size-4 rounded border-slate-300 accent-indigo-600" checked={tls} onChange={(e) => setTls(e.target.checked)} data-testid="connection-tls" />
          Use TLS
        </label>
        {tls && (
          <FormField label="CA certificate (PEM)" htmlFor="connection-ca" errors={errors.caPem} hint="Leave empty to trust the system's certificate authorities.">
            <TextArea id="connection-ca" className="font-mono text-xs" rows={4} value={caPem} onChange={(e) => setCaPem(e.target.value)} invalid={Boolean(errors.caPem)} placeholder="-----BEGIN CERTIFICATE-----" />
          </FormField>
        )}
        <FormField
          label="Schema Registry URL"
          htmlFor="connection-registry-url"
          errors={errors.registryUrl}
          hint="Optional. The Confluent-compatible API of this cluster's registry (e.g. Apicurio's …/apis/ccompat/v6), for avro, protobuf and json-schema sources and sinks."
        >
          <TextInput id="connection-registry-url" className="font-mono" value={registryUrl} onChange={(e) => setRegistryUrl(e.target.value)} invalid={Boolean(errors.registryUrl)} placeholder="https://registry.example.com" />
        </FormField>
        {registryUrl.trim() && (
          <div className="grid grid-cols-2 gap-3">
            <FormField label="Registry username" htmlFor="connection-registry-username" errors={errors.registryUsername} hint="Basic auth; leave empty if none.">
              <TextInput id="connection-registry-username" autoComplete="off" value={registryUsername} onChange={(e) => setRegistryUsername(e.target.value)} invalid={Boolean(errors.registryUsername)} />
            </FormField>
            <FormField
              label="Registry password"
              htmlFor="connection-registry-password"
              errors={errors.registryPassword}
              hint={existing?.hasRegistryPassword ? "Stored, encrypted. Leave empty to keep it." : "Stored encrypted; never shown again."}
            >
              <TextInput
                id="connection-registry-password"
                type="password"
                autoComplete="new-password"
                value={registryPassword}
                onChange={(e) => setRegistryPassword(e.target.value)}
                invalid={Boolean(errors.registryPassword)}
                placeholder={existing?.hasRegistryPassword ? "••••••••" : ""}
              />
            </FormField>
          </div>
        )}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
