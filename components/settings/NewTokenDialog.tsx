"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { roleAtLeast, type Role } from "@/lib/schemas/auth";
import { createToken, type TokenView } from "@/lib/client/api/tokens";
import { roleOptions } from "@/lib/client/role-options";
import { errorMessage, fieldErrors } from "@/lib/client/api-error";
import { FormAlert } from "@/components/auth/FormAlert";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { FormField } from "@/components/ui/FormField";
import { Select } from "@/components/ui/Select";
import { TextInput } from "@/components/ui/TextInput";

/** Creates an API token, then shows its secret once with an example of how to send it. */
export function NewTokenDialog({ open, ownRole, onClose, onCreated }: { open: boolean; ownRole: Role; onClose: () => void; onCreated: () => void }) {
  const choices = roleOptions.filter((option) => roleAtLeast(ownRole, option.value));
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>(ownRole === "admin" ? "editor" : ownRole);
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [alert, setAlert] = useState<string | null>(null);

  function close() {
    if (busy) return;
    setName("");
    setSecret(null);
    setCopied(false);
    setErrors({});
    setAlert(null);
    onClose();
  }

  async function submit() {
    setBusy(true);
    setErrors({});
    setAlert(null);
    try {
      const created = await createToken({ name, role });
      setSecret(created.secret);
      onCreated();
    } catch (error) {
      const byField = fieldErrors(error);
      setErrors(byField);
      if (Object.keys(byField).length === 0) setAlert(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={secret ? "Copy your new token" : "New API token"}
      description={secret ? "This is the only time it is shown. Store it where your script or CI keeps secrets." : "For scripts and CI: send it as a bearer token. It can do at most what its role allows."}
      data-testid="new-token-dialog"
      footer={
        secret ? (
          <Button variant="primary" onClick={close}>
            Done
          </Button>
        ) : (
          <>
            <Button onClick={close} disabled={busy}>
              Cancel
            </Button>
            <Button variant="primary" onClick={submit} disabled={busy} data-testid="create-token">
              {busy ? "Creating…" : "Create token"}
            </Button>
          </>
        )
      }
    >
      {secret ? (
        <div className="flex flex-col gap-3">
          <div className="flex items-center gap-2">
            <code className="min-w-0 flex-1 truncate rounded-md border border-slate-200 bg-slate-50 px-2.5 py-1.5 font-mono text-xs text-slate-900" data-testid="token-secret">
              {secret}
            </code>
            <Button
              size="sm"
              icon={copied ? <Check /> : <Copy />}
              onClick={async () => {
                await navigator.clipboard?.writeText(secret).catch(() => undefined);
                setCopied(true);
              }}
            >
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
          <pre className="overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-[11px] leading-5 text-slate-100">
            {`curl -H "Authorization: Bearer ${secret.slice(0, 10)}…" \\\n  ${typeof window === "undefined" ? "" : window.location.origin}/api/pipelines`}
          </pre>
        </div>
      ) : (
        <form
          className="flex flex-col gap-4"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <FormAlert message={alert} />
          <FormField label="Name" htmlFor="token-name" errors={errors.name} hint="Where it is used, e.g. “CI deploy” or “Prometheus”.">
            <TextInput id="token-name" value={name} onChange={(e) => setName(e.target.value)} invalid={Boolean(errors.name)} autoFocus />
          </FormField>
          <FormField label="Role" htmlFor="token-role" errors={errors.role} hint={roleOptions.find((option) => option.value === role)?.description}>
            <Select id="token-role" value={role} onChange={(e) => setRole(e.target.value as Role)} options={choices} />
          </FormField>
          <button type="submit" hidden />
        </form>
      )}
    </Dialog>
  );
}
