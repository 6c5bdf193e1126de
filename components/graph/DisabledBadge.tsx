import { CircleSlash } from "lucide-react";
import { disableRule } from "@/engine/graph";

/** What a disabled node of this type does, in words: its card's badge tooltip and the inspector's notice. */
export function disabledMeaning(type: string): string {
  const rule = disableRule(type);
  if (!rule.allowed) return "Disabled";
  return rule.effect === "write-nothing"
    ? "Disabled: records reach it and nothing is written to Kafka"
    : "Disabled: records pass through unchanged; its configuration is neither checked nor applied";
}

/** The "Disabled" pill on a disabled node's card: text, not only dimming, so it reads in any theme and to screen readers. */
export function DisabledBadge({ type }: { type: string }) {
  return (
    <span
      data-testid="node-disabled-badge"
      title={disabledMeaning(type)}
      className="inline-flex shrink-0 items-center gap-1 self-start rounded-full border border-slate-300 bg-slate-100 px-1.5 text-[11px] leading-4 font-medium text-slate-700"
    >
      <CircleSlash className="size-3" aria-hidden="true" />
      Disabled
    </span>
  );
}
