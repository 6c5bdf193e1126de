import clsx from "clsx";
import { nodeTypes, type NodeTypeName } from "@/engine/graph";
import { categoryStyles, nodeTypeIcons } from "./node-appearance";

/** A node type's icon on its category's tile, as node cards and the sample panel head show it. */
export function NodeIconTile({ type }: { type: NodeTypeName }) {
  const Icon = nodeTypeIcons[type];
  return (
    <span className={clsx("flex size-7 shrink-0 items-center justify-center rounded-md", categoryStyles[nodeTypes[type].category].iconTile)} aria-hidden="true">
      <Icon className="size-4" />
    </span>
  );
}
