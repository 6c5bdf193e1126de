import { nodeTypes, type PipelineDocument } from "@/engine/graph";
import { categoryStyles } from "@/components/graph/node-appearance";

const nodeWidth = 190;
const nodeHeight = 44;

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
    return text.length > 22 ? `${text.slice(0, 21)}…` : text;
  };
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
      {document.nodes.map((node) => {
        const { x, y } = at.get(node.id)!;
        return (
          <g key={node.id}>
            <rect x={x} y={y} width={nodeWidth} height={nodeHeight} rx={8} fill="var(--color-white)" stroke="var(--color-slate-300)" strokeWidth={2} />
            <rect x={x} y={y} width={8} height={nodeHeight} rx={3} fill={categoryStyles[nodeTypes[node.type].category].minimapColor} />
            <text x={x + 20} y={y + nodeHeight / 2 + 7} fontSize={20} fill="var(--color-slate-700)">
              {label(node)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
