import { z } from "zod";

/**
 * The body of every API error answer, `{ error: { code, message, details? } }`,
 * shared by the server's `handleRoute` and the browser's client. `details` is a
 * list of field problems on a 400 (`invalid_request`), of pipeline problems on a
 * 422 (`invalid_graph`), and absent otherwise.
 */

/** One bad field of a request: its dotted path (`brokers.0`, `(body)` for the whole body) and what is wrong with it. */
export const fieldProblem = z.object({ field: z.string(), message: z.string() });

export const apiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

export type FieldProblem = z.infer<typeof fieldProblem>;
export type ApiErrorBody = z.infer<typeof apiErrorBody>;
