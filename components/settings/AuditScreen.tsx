"use client";

import clsx from "clsx";
import { CircleAlert, Filter, RefreshCw, ScrollText, X } from "lucide-react";
import { useEffect, useState, type FormEvent } from "react";
import { listAuditEvents, type AuditEventView, type AuditFilters } from "@/lib/client/api/audit";
import { errorMessage } from "@/lib/client/api-error";
import { Button } from "@/components/ui/Button";
import { Skeleton } from "@/components/ui/Skeleton";
import { StatePanel } from "@/components/ui/StatePanel";
import { TextInput } from "@/components/ui/TextInput";
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
  "pipeline.restore": "Restored version",
  "pipeline.import": "Imported pipeline",
  "pipeline.reset_offsets": "Reset offsets",
  "topic.create": "Created topic",
  "topic.produce": "Produced to topic",
  "topic.read": "Read topic",
};

/** The action filter's choices: every action of a group (`pipeline.`) or one action. */
const actionChoices = [
  { value: "", label: "Any action" },
  { value: "pipeline.", label: "Any pipeline action" },
  { value: "auth.", label: "Any sign-in action" },
  { value: "user.", label: "Any user change" },
  { value: "token.", label: "Any token change" },
  { value: "connection.", label: "Any connection change" },
  { value: "topic.", label: "Any topic action" },
  ...Object.entries(actionLabels).map(([value, label]) => ({ value, label })),
];

/** A `datetime-local` value (local time, no zone) as the ISO time the API takes; blank stays blank. */
function isoOf(local: string): string | undefined {
  if (!local) return undefined;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** `/settings/audit`: who did what and when, newest first, filtered by actor, action, target and time, with older pages on request. */
export function AuditScreen() {
  const [events, setEvents] = useState<AuditEventView[] | null>(null);
  const [form, setForm] = useState({ actor: "", action: "", target: "", from: "", to: "" });
  const [filters, setFilters] = useState<AuditFilters>({});
  const [error, setError] = useState<string | null>(null);
  const [more, setMore] = useState(true);
  const [loading, setLoading] = useState(false);

  async function load(before?: string, applied: AuditFilters = filters) {
    setLoading(true);
    setError(null);
    try {
      const page = await listAuditEvents({ before, filters: applied });
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
    // The first page once; later loads follow the filter form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function apply(event?: FormEvent) {
    event?.preventDefault();
    const next: AuditFilters = { actor: form.actor.trim() || undefined, action: form.action || undefined, target: form.target.trim() || undefined, from: isoOf(form.from), to: isoOf(form.to) };
    setFilters(next);
    void load(undefined, next);
  }

  function clear() {
    setForm({ actor: "", action: "", target: "", from: "", to: "" });
    setFilters({});
    void load(undefined, {});
  }

  const filtered = Object.values(filters).some(Boolean);
  const field = (name: keyof typeof form) => ({ value: form[name], onChange: (e: { target: { value: string } }) => setForm((current) => ({ ...current, [name]: e.target.value })) });

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
      <form onSubmit={apply} className="mb-4 flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3" aria-label="Filter the audit log" data-testid="audit-filters">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
          Who
          <TextInput className="w-44" placeholder="name or e-mail" data-testid="audit-filter-actor" {...field("actor")} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
          Action
          <select className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900" data-testid="audit-filter-action" {...field("action")}>
            {actionChoices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
          Target
          <TextInput className="w-44" placeholder="name or id" data-testid="audit-filter-target" {...field("target")} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
          From
          <TextInput type="datetime-local" className="w-48" data-testid="audit-filter-from" {...field("from")} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
          To
          <TextInput type="datetime-local" className="w-48" data-testid="audit-filter-to" {...field("to")} />
        </label>
        <Button type="submit" variant="primary" icon={<Filter />} disabled={loading} data-testid="audit-filter-apply">
          Filter
        </Button>
        {filtered && (
          <Button icon={<X />} onClick={clear} disabled={loading}>
            Clear
          </Button>
        )}
      </form>
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
          <StatePanel icon={<ScrollText />} title={filtered ? "No event matches the filter" : "Nothing recorded yet"} />
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
                  <span className="block max-w-56 truncate text-slate-900" title={event.actorEmail}>
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
  const parts = event.targetLabel ? [event.targetLabel] : [];
  for (const [key, value] of Object.entries(event.detail)) if (value !== undefined) parts.push(`${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  return parts.join(" · ");
}
