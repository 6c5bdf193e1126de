import { ApiError } from "./api-error";

/** The API's per-field messages of a 400 (`details: [{ field, message }]`), grouped by field name. */
export function fieldErrors(error: unknown): Record<string, string[]> {
  if (!(error instanceof ApiError) || error.status !== 400 || !Array.isArray(error.details)) return {};
  const byField: Record<string, string[]> = {};
  for (const detail of error.details as { field?: unknown; message?: unknown }[]) {
    if (typeof detail.field !== "string" || typeof detail.message !== "string") continue;
    (byField[detail.field] ??= []).push(detail.message);
  }
  return byField;
}

/** A one-line message for an error that is not about one field. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong";
}
