import type { DeployInput } from "@/lib/client/api/deployments";

/** Where the user asked the sources to start, as the deploy dialog's controls hold it. */
export type ReplayChoice =
  | { from: "continue" }
  | { from: "earliest" }
  | { from: "latest" }
  /** `local`: the value of an `<input type="datetime-local">`, read in the browser's time zone. */
  | { from: "timestamp"; local: string };

/**
 * The deploy body's `startAt` for a choice: none to continue where the last deployment
 * stopped; a timestamp in milliseconds. An unreadable or empty date-time is an error with
 * what to type, not a silent "continue".
 */
export function startAtOf(choice: ReplayChoice): { ok: true; startAt: DeployInput["startAt"] } | { ok: false; error: string } {
  switch (choice.from) {
    case "continue":
      return { ok: true, startAt: undefined };
    case "earliest":
    case "latest":
      return { ok: true, startAt: { from: choice.from } };
    case "timestamp": {
      const ms = choice.local ? new Date(choice.local).getTime() : Number.NaN;
      if (!Number.isFinite(ms) || ms < 0) return { ok: false, error: "Pick the date and time to replay from" };
      return { ok: true, startAt: { from: "timestamp", timestamp: ms } };
    }
  }
}

/** A `datetime-local` value for a moment, in the browser's time zone (to prefill "an hour ago"). */
export function toLocalInput(ms: number): string {
  const date = new Date(ms);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
