"use client";

import { CircleAlert, RefreshCw } from "lucide-react";
import { useEffect } from "react";
import { Button } from "@/components/ui/Button";
import { StatePanel } from "@/components/ui/StatePanel";

/** Catches rendering errors below the layout, keeping the header so people can navigate away. */
export default function AppError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;
  return (
    <div className="flex flex-1 items-center justify-center" data-testid="app-error">
      <StatePanel
        icon={<CircleAlert />}
        tone="danger"
        title="Something went wrong"
        actions={
          <Button icon={<RefreshCw />} onClick={retry}>
            Try again
          </Button>
        }
      >
        This screen failed to render. Trying again usually helps; if it does not, reload the page.
        {digest && <span className="mt-2 block font-mono text-xs text-slate-500">Reference: {digest}</span>}
      </StatePanel>
    </div>
  );
}
