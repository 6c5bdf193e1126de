import { z } from "zod";
import { T } from "../../expr";
import type { OperatorDescription } from "../operator-module";
import { formatMillis } from "../shared/format-millis";
import { fieldPath, label, lateness, positiveMillis } from "../shared/schema-parts";

export const joinData = z.object({
  label,
  leftKey: fieldPath,
  rightKey: fieldPath,
  type: z.enum(["inner", "left"], { error: "Join type must be 'inner' or 'left'" }),
  within: positiveMillis("Join window"),
  /** How long after the join bound records may still arrive and match (event time, ms). */
  allowedLateness: lateness,
});

export type JoinData = z.infer<typeof joinData>;

/** An interval join of two streams. */
export const joinDescription: OperatorDescription<JoinData, "join"> = {
  type: "join",
  label: "Join",
  category: "aggregate",
  hint: "Match two streams by key within a time bound",
  icon: "git-merge",
  inputs: {
    kind: "named",
    ports: [
      { handle: "left", label: "left" },
      { handle: "right", label: "right" },
    ],
  },
  outputs: { kind: "single" },
  schema: joinData,
  defaults: () => ({ leftKey: "", rightKey: "", type: "inner", within: 60_000 }),
  summarize: (data) => `${data.type} · ${data.leftKey || "?"} = ${data.rightKey || "?"} · within ${formatMillis(data.within)}`,
  form: [
    { kind: "text", key: "leftKey", label: "Left key", placeholder: "order_id", mono: true },
    { kind: "text", key: "rightKey", label: "Right key", placeholder: "id", mono: true },
    {
      kind: "select",
      key: "type",
      label: "Join type",
      options: [
        { value: "inner", label: "Inner: matched records only" },
        { value: "left", label: "Left: keep unmatched left records" },
      ],
    },
    { kind: "duration", key: "within", label: "Within", hint: "How far apart in event time a left and a right record may be to match." },
  ],
  // The left fields, then the right ones; a right field the left side has too is renamed right_<name>.
  outputType: ({ inputs }) => {
    const left = inputs("left")[0] ?? T.anyRecord();
    const right = inputs("right")[0] ?? T.anyRecord();
    if (left.open || right.open) return T.anyRecord();
    const leftNames = new Set(left.fields.map((f) => f.name));
    return T.row(Object.fromEntries([...left.fields.map((f) => [f.name, f.type]), ...right.fields.map((f) => [leftNames.has(f.name) ? `right_${f.name}` : f.name, f.type])]));
  },
};
