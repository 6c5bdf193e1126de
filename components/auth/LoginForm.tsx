"use client";

import { LogIn } from "lucide-react";
import { useState, type FormEvent } from "react";
import { login } from "@/lib/client/api/auth";
import { errorMessage, fieldErrors } from "@/lib/client/api-error";
import { Button } from "@/components/ui/Button";
import { FormField } from "@/components/ui/FormField";
import { TextInput } from "@/components/ui/TextInput";
import { FormAlert } from "./FormAlert";

/** E-mail and password; on success the browser goes to `next` (a path on this site only). */
export function LoginForm({ next }: { next: string }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [alert, setAlert] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setAlert(null);
    setErrors({});
    try {
      await login({ email, password });
      window.location.assign(next);
    } catch (error) {
      const byField = fieldErrors(error);
      setErrors(byField);
      if (Object.keys(byField).length === 0) setAlert(errorMessage(error));
      setBusy(false);
    }
  }

  return (
    <form className="flex flex-col gap-4" onSubmit={submit} noValidate data-testid="login-form">
      <FormAlert message={alert} />
      <FormField label="E-mail" htmlFor="login-email" errors={errors.email}>
        <TextInput id="login-email" type="email" autoComplete="username" autoFocus required value={email} onChange={(e) => setEmail(e.target.value)} invalid={Boolean(errors.email)} />
      </FormField>
      <FormField label="Password" htmlFor="login-password" errors={errors.password}>
        <TextInput id="login-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} invalid={Boolean(errors.password)} />
      </FormField>
      <Button type="submit" variant="primary" icon={<LogIn />} disabled={busy} className="mt-1 w-full">
        {busy ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
