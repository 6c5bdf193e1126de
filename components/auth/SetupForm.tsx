"use client";

import { ShieldCheck } from "lucide-react";
import { useState, type FormEvent } from "react";
import { setupFirstAdmin } from "@/lib/client/api/auth";
import { errorMessage, fieldErrors } from "@/lib/client/api-error";
import { Button } from "@/components/ui/Button";
import { FormField } from "@/components/ui/FormField";
import { TextInput } from "@/components/ui/TextInput";
import { FormAlert } from "./FormAlert";

/** Creates the first account, an admin, and signs it in. */
export function SetupForm() {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [alert, setAlert] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAlert(null);
    if (password !== confirm) {
      setErrors({ confirm: ["The passwords do not match"] });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await setupFirstAdmin({ name, email, password });
      window.location.assign("/");
    } catch (error) {
      const byField = fieldErrors(error);
      setErrors(byField);
      if (Object.keys(byField).length === 0) setAlert(errorMessage(error));
      setBusy(false);
    }
  }

  return (
    <form className="flex flex-col gap-4" onSubmit={submit} noValidate data-testid="setup-form">
      <FormAlert message={alert} />
      <FormField label="Your name" htmlFor="setup-name" errors={errors.name}>
        <TextInput id="setup-name" autoComplete="name" autoFocus value={name} onChange={(e) => setName(e.target.value)} invalid={Boolean(errors.name)} />
      </FormField>
      <FormField label="E-mail" htmlFor="setup-email" errors={errors.email}>
        <TextInput id="setup-email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} invalid={Boolean(errors.email)} />
      </FormField>
      <FormField label="Password" htmlFor="setup-password" errors={errors.password} hint="At least 10 characters. A passphrase of a few words works well.">
        <TextInput id="setup-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} invalid={Boolean(errors.password)} />
      </FormField>
      <FormField label="Repeat the password" htmlFor="setup-confirm" errors={errors.confirm}>
        <TextInput id="setup-confirm" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} invalid={Boolean(errors.confirm)} />
      </FormField>
      <Button type="submit" variant="primary" icon={<ShieldCheck />} disabled={busy} className="mt-1 w-full">
        {busy ? "Creating the admin account…" : "Create admin account"}
      </Button>
    </form>
  );
}
