"use client";

import { LogOut } from "lucide-react";
import { useState } from "react";
import { logout } from "@/lib/client/api/auth";
import { IconButton } from "@/components/ui/IconButton";

/** Ends the session and goes to the sign-in page. */
export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  return (
    <IconButton
      label="Sign out"
      icon={<LogOut />}
      disabled={busy}
      data-testid="sign-out"
      onClick={async () => {
        setBusy(true);
        try {
          await logout();
        } finally {
          window.location.assign("/login");
        }
      }}
    />
  );
}
