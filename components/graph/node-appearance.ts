import {
  ArrowDownToLine,
  ArrowUpFromLine,
  Funnel,
  GitMerge,
  Shuffle,
  Sigma,
  Split,
  type LucideIcon,
} from "lucide-react";
import type { NodeCategory, NodeTypeName } from "@/engine/graph";

/** One icon per node type, shared by the palette, the node cards and the inspector. */
export const nodeTypeIcons: Record<NodeTypeName, LucideIcon> = {
  "kafka-source": ArrowDownToLine,
  filter: Funnel,
  map: Shuffle,
  "flat-map": Split,
  reduce: Sigma,
  join: GitMerge,
  "kafka-sink": ArrowUpFromLine,
};

type CategoryStyle = {
  /** The coloured stripe on node cards. */
  stripe: string;
  /** The tinted square behind the type icon. */
  iconTile: string;
  /** The minimap draws nodes in SVG, so it needs a plain colour. */
  minimapColor: string;
};

/** Category hues: distinct from the status colours so a stripe never reads as "failed" or "running". */
export const categoryStyles: Record<NodeCategory, CategoryStyle> = {
  source: { stripe: "bg-category-source", iconTile: "bg-sky-50 text-category-source", minimapColor: "#0284c7" },
  transform: { stripe: "bg-category-transform", iconTile: "bg-violet-50 text-category-transform", minimapColor: "#7c3aed" },
  aggregate: { stripe: "bg-category-aggregate", iconTile: "bg-fuchsia-50 text-category-aggregate", minimapColor: "#c026d3" },
  sink: { stripe: "bg-category-sink", iconTile: "bg-teal-50 text-category-sink", minimapColor: "#0d9488" },
};
