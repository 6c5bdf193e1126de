"use client";

import { useId, useState } from "react";
import { produceMessage } from "@/lib/client/api/topics";
import { errorMessage } from "@/lib/client/api-error";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { FormField } from "@/components/ui/FormField";
import { TextArea } from "@/components/ui/TextArea";
import { TextInput } from "@/components/ui/TextInput";

const example = `{\n  "id": "order-1",\n  "amount": 120,\n  "country": "US"\n}`;

/** Produces one test message: a key and a JSON value, checked as you type (editors). */
export function ProduceDialog({ open, topic, connection, onClose, onProduced }: { open: boolean; topic: string; connection?: string; onClose: () => void; onProduced: (where: { partition: number; offset: string }) => void }) {
  const [key, setKey] = useState("");
  const [value, setValue] = useState(example);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keyId = useId();
  const valueId = useId();
  let parseError: string | null = null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (failure) {
    parseError = `Not valid JSON: ${failure instanceof Error ? failure.message : "unreadable"}`;
  }

  async function submit() {
    if (parseError) return;
    setBusy(true);
    setError(null);
    try {
      onProduced(await produceMessage(topic, { key: key || null, value: parsed }, connection));
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
      title={`Produce to ${topic}`}
      description="One JSON message, written with acknowledgement from all in-sync replicas."
      data-testid="produce-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={busy || parseError !== null} onClick={() => void submit()} data-testid="produce-submit">
            Produce
          </Button>
        </>
      }
    >
      <div className="space-y-3">
        <FormField label="Key" htmlFor={keyId} hint="Optional. Records with the same key go to the same partition.">
          <TextInput id={keyId} className="font-mono" value={key} onChange={(event) => setKey(event.target.value)} placeholder="no key" data-testid="produce-key" />
        </FormField>
        <FormField label="Value (JSON)" htmlFor={valueId} errors={parseError ? [parseError] : []}>
          <TextArea id={valueId} rows={8} className="font-mono text-xs" value={value} invalid={parseError !== null} onChange={(event) => setValue(event.target.value)} data-testid="produce-value" spellCheck={false} />
        </FormField>
        {error && <p role="alert" className="text-xs text-red-700">{error}</p>}
      </div>
    </Dialog>
  );
}
