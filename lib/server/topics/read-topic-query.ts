import "server-only";
import { z } from "zod";
import { connectionQuery, topicNameSchema } from "@/lib/schemas/topics";
import { ApiError } from "../api/api-error";

/** Parses a request's query string with a schema: a bad parameter is a 400 naming it. */
export function readTopicQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const parameters = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = schema.safeParse(parameters);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({ field: issue.path.join(".") || "(query)", message: issue.message }));
  throw new ApiError(400, "invalid_request", `The query is invalid: ${details.map((d) => `${d.field}: ${d.message}`).join("; ")}`, details);
}

/** `?connection=` alone. */
export const connectionOnlyQuery = z.object({ connection: connectionQuery });

/** The topic name of the URL, checked against Kafka's naming rule (400 otherwise). */
export function readTopicName(name: string | undefined): string {
  const parsed = topicNameSchema.safeParse(name);
  if (parsed.success) return parsed.data;
  throw new ApiError(400, "invalid_request", `'${String(name ?? "").slice(0, 100)}' is not a valid topic name: ${parsed.error.issues[0]!.message}`, [{ field: "name", message: parsed.error.issues[0]!.message }]);
}
