/**
 * Exit codes of the `streamline` CLI, so CI can tell failures apart.
 * 1 is reserved for `diff` finding changes (like `diff(1)` and `terraform plan -detailed-exitcode`).
 */
export const exitCodes = {
  ok: 0,
  changes: 1,
  /** Bad usage, an unreadable file, or a request or document the API refused as invalid. */
  invalid: 2,
  /** No token, a wrong or revoked token, or a role that may not do this. */
  auth: 3,
  /** No pipeline (or version) by that name or number. */
  notFound: 4,
  /** The API refused because of the pipeline's state (e.g. stop when nothing runs, a concurrent save). */
  conflict: 5,
  /** The API could not be reached, or failed on its side. */
  unavailable: 6,
} as const;

/** An error the CLI reports in one or more lines on stderr before exiting with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly lines: string[] = [],
  ) {
    super(message);
  }
}
