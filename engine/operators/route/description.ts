import { z } from "zod";
import { T } from "../../expr";
import type { NamedPort, OperatorDescription } from "../operator-module";
import { expression, fieldName, label, rejectDuplicates } from "../shared/schema-parts";

/** The output a record takes when no condition holds. */
export const defaultOutput = "default";

export const routeData = z.object({
  label,
  routes: z
    .array(
      z.object({
        name: fieldName.refine((name) => name !== defaultOutput, `'${defaultOutput}' is the name of the output for records no condition matches`),
        condition: expression,
      }),
    )
    .min(1, "Add at least one named output")
    .max(50, "At most 50 named outputs")
    .superRefine(rejectDuplicates((route) => route.name, "name", "Output")),
});

export type RouteData = z.infer<typeof routeData>;

/** The named outputs, read defensively from possibly half-filled data, then the default. */
function outputsOf(data: Readonly<Record<string, unknown>>): NamedPort[] {
  const routes = Array.isArray(data.routes) ? data.routes : [];
  const names = routes
    .map((route) => (typeof route === "object" && route !== null && typeof (route as { name?: unknown }).name === "string" ? (route as { name: string }).name.trim() : ""))
    .filter((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && name !== defaultOutput);
  return [...new Set(names)].map((name) => ({ handle: name, label: name })).concat({ handle: defaultOutput, label: defaultOutput });
}

/** Sends each record to the first named output whose condition holds, or to the default output. */
export const routeDescription: OperatorDescription<RouteData, "route"> = {
  type: "route",
  label: "Route",
  category: "transform",
  hint: "Send records to the first matching output",
  icon: "signpost",
  inputs: { kind: "single" },
  outputs: { kind: "named", ports: outputsOf },
  schema: routeData,
  defaults: () => ({ routes: [{ name: "matched", condition: "" }] }),
  summarize: (data) => `${data.routes.map((route) => route.name || "?").join(" · ")} · else ${defaultOutput}`,
  form: [
    {
      kind: "named-expressions",
      key: "routes",
      label: "Outputs",
      names: { key: "name", label: "Output", placeholder: "large" },
      expressions: { key: "condition", label: "Condition", placeholder: "amount > 100" },
      addLabel: "Add output",
      hint: "A record goes to the first output whose condition is true; records no condition matches go to 'default'.",
    },
  ],
  outputType: ({ data, input, check }) => {
    data.routes.forEach((route, i) => check(`routes.${i}.condition`, route.condition, T.boolean));
    return input;
  },
};
