"use client";

import { useState } from "react";
import { updateUser, type UserView } from "@/lib/client/api/users";
import { errorMessage, fieldErrors } from "@/lib/client/api-error";
import { FormAlert } from "@/components/auth/FormAlert";
import { Button } from "@/components/ui/Button";
import { Dialog } from "@/components/ui/Dialog";
import { FormField } from "@/components/ui/FormField";
import { TextInput } from "@/components/ui/TextInput";

/** An admin sets a new password for someone who forgot theirs; it signs them out everywhere. */
export function SetPasswordDialog({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [alert, setAlert] = useState<string | null>(null);

  function close() {
    if (busy) return;
    setPassword("");
    setErrors({});
    setAlert(null);
    onClose();
  }

  async function submit() {
    if (!user) return;
    setBusy(true);
    setErrors({});
    setAlert(null);
    try {
      await updateUser(user.id, { password });
      setBusy(false);
      setPassword("");
      onClose();
    } catch (error) {
      const byField = fieldErrors(error);
      setErrors(byField);
      if (Object.keys(byField).length === 0) setAlert(errorMessage(error));
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={user !== null}
      onClose={close}
      title={`New password for ${user?.name ?? ""}`}
      description="Their sessions end; they sign in again with this password."
      data-testid="set-password-dialog"
      footer={
        <>
          <Button onClick={close} disabled={busy}>
            Cancel
          </Button>
          <Button variant="primary" onClick={submit} disabled={busy}>
            {busy ? "Saving…" : "Set password"}
          </Button>
        </>
      }
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
        className="flex flex-col gap-4"
      >
        <FormAlert message={alert} />
        <FormField label="New password" htmlFor="new-password" errors={errors.password} hint="At least 10 characters.">
          <TextInput id="new-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} invalid={Boolean(errors.password)} autoFocus />
        </FormField>
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
