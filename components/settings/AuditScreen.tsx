"use client";

import clsx from "clsx";
import { CircleAlert, RefreshCw, ScrollText } from "lucide-react";
import { useEffect, useState } from "react";
import { listAuditEvents, type AuditEventView } from "@/lib/client/api/audit";
import { errorMessage } from "@/lib/client/api-error";
import { Button } from "@/components/ui/Button";
import { Skeleton } from "@/components/ui/Skeleton";
import { StatePanel } from "@/components/ui/StatePanel";
import { SettingsPage } from "./SettingsPage";
import { SettingsTable } from "./SettingsTable";

const timeFormat = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" });

const actionLabels: Record<string, string> = {
  "auth.setup": "Set up Streamline",
  "auth.login": "Signed in",
  "auth.login_failed": "Failed sign-in",
  "auth.logout": "Signed out",
  "user.create": "Created user",
  "user.update": "Changed user",
  "token.create": "Created API token",
  "token.revoke": "Revoked API token",
  "pipeline.create": "Created pipeline",
  "pipeline.save": "Saved pipeline",
  "pipeline.update": "Renamed pipeline",
  "pipeline.delete": "Deleted pipeline",
  "pipeline.deploy": "Deployed",
  "pipeline.stop": "Stopped",
  "connection.create": "Created connection",
  "connection.update": "Changed connection",
  "connection.delete": "Deleted connection",
};

/** `/settings/audit`: who did what and when, newest first, with older pages on request. */
export function AuditScreen() {
  const [events, setEvents] = useState<AuditEventView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [more, setMore] = useState(true);
  const [loading, setLoading] = useState(false);

  async function load(before?: string) {
    setLoading(true);
    setError(null);
    try {
      const page = await listAuditEvents({ before });
      setEvents((current) => (before && current ? [...current, ...page] : page));
      setMore(page.length >= 200);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    void load();
  }, []);

  return (
    <SettingsPage
      title="Audit log"
      description="Sign-ins, edits, deploys, stops and changes to users, tokens and connections. Secrets are never recorded."
      actions={
        <Button icon={<RefreshCw />} onClick={() => void load()} disabled={loading}>
          Refresh
        </Button>
      }
    >
      {error && (
        <div className="mb-4 rounded-lg border border-slate-200 bg-white">
          <StatePanel icon={<CircleAlert />} tone="danger" title="Could not load the audit log">
            {error}
          </StatePanel>
        </div>
      )}
      {events === null && !error && <Skeleton className="h-64 w-full" />}
      {events !== null && events.length === 0 && (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white">
          <StatePanel icon={<ScrollText />} title="Nothing recorded yet" />
        </div>
      )}
      {events !== null && events.length > 0 && (
        <>
          <SettingsTable
            testId="audit-table"
            head={
              <>
                <th scope="col" className="w-48">Time</th>
                <th scope="col" className="w-56">Who</th>
                <th scope="col" className="w-44">Action</th>
                <th scope="col">Details</th>
              </>
            }
          >
            {events.map((event) => (
              <tr key={event.id} data-testid="audit-row">
                <td className="whitespace-nowrap text-slate-500 tabular-nums" title={event.at}>
                  {timeFormat.format(new Date(event.at))}
                </td>
                <td>
                  <span className="block max-w-56 truncate text-slate-900" title={event.actor}>
                    {event.actor}
                  </span>
                  {event.via === "token" && <span className="text-xs text-slate-500">API token</span>}
                </td>
                <td className={clsx("whitespace-nowrap", event.action === "auth.login_failed" ? "text-red-700" : "text-slate-700")}>{actionLabels[event.action] ?? event.action}</td>
                <td className="text-xs text-slate-500">
                  <span className="block max-w-md truncate font-mono" title={describe(event)}>
                    {describe(event)}
                  </span>
                </td>
              </tr>
            ))}
          </SettingsTable>
          {more && (
            <div className="mt-4 flex justify-center">
              <Button onClick={() => void load(events.at(-1)!.id)} disabled={loading}>
                Older events
              </Button>
            </div>
          )}
        </>
      )}
    </SettingsPage>
  );
}

function describe(event: AuditEventView): string {
  const parts = event.target ? [event.target] : [];
  for (const [key, value] of Object.entries(event.detail)) if (value !== undefined) parts.push(`${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  return parts.join(" · ");
}
