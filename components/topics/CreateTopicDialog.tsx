"use client";

import { useId, useState } from "react";
import { createTopic } from "@/lib/client/api/topics";
import { errorMessage } from "@/lib/client/api-error";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { FormField } from "@/components/ui/FormField";
import { Select } from "@/components/ui/Select";
import { TextInput } from "@/components/ui/TextInput";

const retentions = [
  { value: "", label: "Broker default" },
  { value: "3600000", label: "1 hour" },
  { value: "86400000", label: "1 day" },
  { value: "604800000", label: "7 days" },
  { value: "2592000000", label: "30 days" },
  { value: "-1", label: "Forever" },
];

/** Creates a topic: name, partitions, retention (editors). */
export function CreateTopicDialog({ open, connection, initialName = "", onClose, onCreated }: { open: boolean; connection?: string; initialName?: string; onClose: () => void; onCreated: (name: string) => void }) {
  const [name, setName] = useState(initialName);
  const [partitions, setPartitions] = useState("3");
  const [retention, setRetention] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameId = useId();
  const partitionsId = useId();
  const retentionId = useId();

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      const topic = await createTopic({ name: name.trim(), partitions: Number(partitions), ...(retention ? { retentionMs: Number(retention) } : {}) }, connection);
      onCreated(topic.name);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Create topic"
      description="Replication uses the broker's default."
      data-testid="create-topic-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={busy || !name.trim()} onClick={() => void submit()} data-testid="create-topic-submit">
            Create topic
          </Button>
        </>
      }
    >
      <form className="space-y-3" onSubmit={(event) => { event.preventDefault(); void submit(); }}>
        <FormField label="Name" htmlFor={nameId} hint="Letters, digits, '.', '_' and '-'.">
          <TextInput id={nameId} className="font-mono" value={name} onChange={(event) => setName(event.target.value)} placeholder="orders" data-testid="create-topic-name" autoFocus />
        </FormField>
        <div className="grid grid-cols-2 gap-3">
          <FormField label="Partitions" htmlFor={partitionsId}>
            <TextInput id={partitionsId} type="number" min={1} max={1000} value={partitions} onChange={(event) => setPartitions(event.target.value)} data-testid="create-topic-partitions" />
          </FormField>
          <FormField label="Retention" htmlFor={retentionId}>
            <Select id={retentionId} value={retention} onChange={(event) => setRetention(event.target.value)} options={retentions} />
          </FormField>
        </div>
        {error && <p role="alert" className="text-xs text-red-700">{error}</p>}
      </form>
    </Dialog>
  );
}
