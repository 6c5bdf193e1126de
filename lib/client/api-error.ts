import type { PipelineProblem } from "@/engine/graph";

/** An API call that did not succeed, with the server's code and message when it sent one. */
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

  get isNotFound(): boolean {
    return this.status === 404;
  }
}
