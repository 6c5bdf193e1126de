import { useId } from "react";
import { nodeTypes, type PipelineDocument } from "@/engine/graph";
import { categoryStyles } from "@/components/graph/node-appearance";

// Templates place nodes 280 apart; wide boxes leave room for a label at a size that stays
// legible when a five-node chain is shrunk into a card.
const nodeWidth = 236;
const nodeHeight = 48;
const fontSize = 22;
const labelLeft = 20;
const labelRoom = nodeWidth - labelLeft - 10;
/** A character's width, roughly, in the system sans fonts (~0.58 em). */
const charWidth = fontSize * 0.58;
/** Longer labels are condensed to fit, down to 75 % of their width, then cut with an ellipsis. */
const labelChars = Math.floor(labelRoom / (charWidth * 0.75));

/**
 * A small, static drawing of a template's graph from its node positions:
 * boxes in their category's colour with the node's label, and the edges.
 * No React Flow, so a page of them stays cheap.
 */
export function TemplateGraphPreview({ document }: { document: PipelineDocument }) {
  const xs = document.nodes.map((n) => n.position.x);
  const ys = document.nodes.map((n) => n.position.y);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const width = Math.max(...xs) - minX + nodeWidth;
  const height = Math.max(...ys) - minY + nodeHeight;
  const at = new Map(document.nodes.map((n) => [n.id, { x: n.position.x - minX, y: n.position.y - minY }]));
  const label = (node: PipelineDocument["nodes"][number]) => {
    const text = typeof node.data.label === "string" && node.data.label ? node.data.label : nodeTypes[node.type].label;
    return text.length > labelChars ? `${text.slice(0, labelChars - 1)}…` : text;
  };
  // One clip per node keeps a label that is still too wide inside its box, off the edges.
  // (useId's characters are not all valid in a url(#…) reference.)
  const clipPrefix = `preview${useId().replace(/[^\w-]/g, "")}`;
  return (
    <svg viewBox={`-8 -8 ${width + 16} ${height + 16}`} className="h-28 w-full" role="img" aria-label={`Graph: ${document.nodes.map(label).join(", ")}`}>
      {document.edges.map((edge) => {
        const from = at.get(edge.source);
        const to = at.get(edge.target);
        if (!from || !to) return null;
        const x1 = from.x + nodeWidth;
        const y1 = from.y + nodeHeight / 2;
        const x2 = to.x;
        const y2 = to.y + nodeHeight / 2;
        const mid = (x1 + x2) / 2;
        return <path key={edge.id} d={`M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`} fill="none" stroke="var(--color-slate-400)" strokeWidth={3} />;
      })}
      {document.nodes.map((node, index) => {
        const { x, y } = at.get(node.id)!;
        const clipId = `${clipPrefix}-${index}`;
        const text = label(node);
        return (
          <g key={node.id}>
            <clipPath id={clipId}>
              <rect x={x} y={y} width={nodeWidth - 6} height={nodeHeight} />
            </clipPath>
            {/* Palette variables, not hex: the preview turns over with the dark theme like the rest. */}
            <rect x={x} y={y} width={nodeWidth} height={nodeHeight} rx={8} fill="var(--color-white)" stroke="var(--color-slate-300)" strokeWidth={2} />
            <rect x={x} y={y} width={8} height={nodeHeight} rx={3} fill={categoryStyles[nodeTypes[node.type].category].minimapColor} />
            <text
              x={x + labelLeft}
              y={y + nodeHeight / 2 + fontSize * 0.35}
              fontSize={fontSize}
              fill="var(--color-slate-700)"
              clipPath={`url(#${clipId})`}
              {...(text.length * charWidth > labelRoom ? { textLength: labelRoom, lengthAdjust: "spacingAndGlyphs" } : {})}
            >
              {text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
