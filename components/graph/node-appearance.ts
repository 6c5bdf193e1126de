import {
  ArrowDownToLine,
  ArrowUpFromLine,
  CopyMinus,
  Funnel,
  GitMerge,
  Merge,
  Shuffle,
  Sigma,
  Signpost,
  Split,
  type LucideIcon,
} from "lucide-react";
import { nodeTypeNames, nodeTypes, type NodeCategory, type NodeTypeName, type OperatorIcon } from "@/engine/graph";

/** The lucide component of each icon name an operator may choose (OperatorIcon). */
const iconComponents: Record<OperatorIcon, LucideIcon> = {
  "arrow-down-to-line": ArrowDownToLine,
  "arrow-up-from-line": ArrowUpFromLine,
  "copy-minus": CopyMinus,
  funnel: Funnel,
  "git-merge": GitMerge,
  merge: Merge,
  shuffle: Shuffle,
  sigma: Sigma,
  signpost: Signpost,
  split: Split,
};

/** One icon per node type, named by its operator's description; shared by the palette, the node cards and the inspector. */
export const nodeTypeIcons = Object.fromEntries(nodeTypeNames.map((type) => [type, iconComponents[nodeTypes[type].icon]])) as Record<NodeTypeName, LucideIcon>;

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
