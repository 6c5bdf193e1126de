"use client";

import { useState } from "react";
import type { Role } from "@/lib/schemas/auth";
import { createUser, type UserView } from "@/lib/client/api/users";
import { roleOptions } from "@/lib/client/role-options";
import { errorMessage, fieldErrors } from "@/lib/client/api-error";
import { FormAlert } from "@/components/auth/FormAlert";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { FormField } from "@/components/ui/FormField";
import { Select } from "@/components/ui/Select";
import { TextInput } from "@/components/ui/TextInput";

/** Creates an account with a role and an initial password the admin hands over. */
export function NewUserDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (user: UserView) => void }) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("editor");
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [alert, setAlert] = useState<string | null>(null);

  function close() {
    if (busy) return;
    setName("");
    setEmail("");
    setPassword("");
    setRole("editor");
    setErrors({});
    setAlert(null);
    onClose();
  }

  async function submit() {
    setBusy(true);
    setErrors({});
    setAlert(null);
    try {
      const user = await createUser({ name, email, password, role });
      setBusy(false);
      onCreated(user);
      close();
    } catch (error) {
      const byField = fieldErrors(error);
      setErrors(byField);
      if (Object.keys(byField).length === 0) setAlert(errorMessage(error));
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="New user"
      description="Give the person their e-mail and this password; they can sign in right away."
      data-testid="new-user-dialog"
      footer={
        <>
          <Button onClick={close} disabled={busy}>
            Cancel
          </Button>
          <Button variant="primary" onClick={submit} disabled={busy} data-testid="create-user">
            {busy ? "Creating…" : "Create user"}
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
        <FormField label="Name" htmlFor="user-name" errors={errors.name}>
          <TextInput id="user-name" value={name} onChange={(e) => setName(e.target.value)} invalid={Boolean(errors.name)} autoFocus />
        </FormField>
        <FormField label="E-mail" htmlFor="user-email" errors={errors.email}>
          <TextInput id="user-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} invalid={Boolean(errors.email)} />
        </FormField>
        <FormField label="Initial password" htmlFor="user-password" errors={errors.password} hint="At least 10 characters.">
          <TextInput id="user-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} invalid={Boolean(errors.password)} />
        </FormField>
        <FormField label="Role" htmlFor="user-role" errors={errors.role} hint={roleOptions.find((option) => option.value === role)?.description}>
          <Select id="user-role" value={role} onChange={(e) => setRole(e.target.value as Role)} options={roleOptions} />
        </FormField>
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
