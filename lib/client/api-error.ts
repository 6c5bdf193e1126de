import type { PipelineProblem } from "@/engine/graph";
import type { FieldProblem } from "@/lib/schemas/api-error";

/**
 * The one error type of the browser's API client: an API call that did not succeed,
 * with the server's error body (`code`, `message`, `details`) when it sent one.
 * Client-side failures use their own codes: `NETWORK` (no answer), `BUSY` (an action
 * already in flight), `invalid_response` (an answer that breaks the contract).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor({ status, code, message, details }: { status: number; code: string; message: string; details?: unknown }) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The validation problems of a 422 response, or an empty list for any other error. */
  get problems(): PipelineProblem[] {
    return this.status === 422 && Array.isArray(this.details) ? (this.details as PipelineProblem[]) : [];
  }

  /** The per-field messages of a 400 (`details: [{ field, message }]`), grouped by field name. */
  get fieldProblems(): Record<string, string[]> {
    if (this.status !== 400 || !Array.isArray(this.details)) return {};
    const byField: Record<string, string[]> = {};
    for (const detail of this.details as Partial<Record<keyof FieldProblem, unknown>>[]) {
      if (typeof detail?.field !== "string" || typeof detail.message !== "string") continue;
      (byField[detail.field] ??= []).push(detail.message);
    }
    return byField;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  /** Any thrown value as an ApiError, so callers handle one type. */
  static from(error: unknown): ApiError {
    if (error instanceof ApiError) return error;
    return new ApiError({ status: 0, code: "UNKNOWN", message: error instanceof Error ? error.message : String(error) });
  }
}

/** The API's per-field messages of a 400, grouped by field name; empty for any other error. */
export function fieldErrors(error: unknown): Record<string, string[]> {
  return error instanceof ApiError ? error.fieldProblems : {};
}

/** A one-line message for an error that is not about one field. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong";
}
