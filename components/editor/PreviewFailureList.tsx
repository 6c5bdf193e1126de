import { type PreviewResult } from "@/lib/client/api/pipelines";

type PreviewFailureListProps = {
  failures: PreviewResult["deadLetters"];
  /** Node titles by id, as the canvas shows them. */
  titles: Readonly<Record<string, string>>;
  onSelectNode: (nodeId: string) => void;
};

/**
 * The records that failed during the last preview, each with its node (a link to it),
 * its error and where it came from. Nothing was written to the dead-letter topic: a
 * preview writes nothing.
 */
export function PreviewFailureList({ failures, titles, onSelectNode }: PreviewFailureListProps) {
  return (
    <section className="rounded-lg border border-red-200 bg-white" aria-label="Records that failed in the preview" data-testid="preview-failures">
      <header className="border-b border-red-100 bg-red-50/60 px-4 py-2">
        <h3 className="text-[13px] font-semibold text-slate-900">
          {failures.length} {failures.length === 1 ? "record" : "records"} failed in the preview
        </h3>
        <p className="text-xs text-slate-500">Run-time errors of the draft. A preview writes nothing, so they are not in the dead-letter topic.</p>
      </header>
      <table className="w-full table-fixed text-[13px]">
        <colgroup>
          <col className="w-44" />
          <col />
          <col className="w-60" />
        </colgroup>
        <thead>
          <tr className="border-b border-slate-100 text-left text-[11px] font-medium tracking-wide text-slate-500 uppercase">
            <th scope="col" className="py-1.5 pl-4 font-medium">Node</th>
            <th scope="col" className="py-1.5 font-medium">Error</th>
            <th scope="col" className="py-1.5 pr-4 font-medium">Origin</th>
          </tr>
        </thead>
        <tbody>
          {failures.map((failure, index) => (
            <tr key={`${failure.origin.topic}:${failure.origin.partition}:${failure.origin.offset}:${index}`} className="border-b border-slate-100 align-top last:border-0" data-testid="preview-failure">
              <td className="truncate py-1.5 pr-3 pl-4">
                <button type="button" className="max-w-full truncate font-medium text-slate-800 hover:text-indigo-700 hover:underline" onClick={() => onSelectNode(failure.nodeId)}>
                  {titles[failure.nodeId] ?? failure.nodeId}
                </button>
              </td>
              <td className="py-1.5 pr-3">
                <span className="mr-1.5 rounded bg-red-50 px-1.5 font-mono text-[11px] leading-5 text-red-700">{failure.detail ?? failure.code}</span>
                <span className="text-slate-700">{failure.message}</span>
              </td>
              <td className="truncate py-1.5 pr-4 font-mono text-xs text-slate-500 tabular-nums" title={failure.origin.topic}>
                {failure.origin.topic} · p{failure.origin.partition} · @{failure.origin.offset}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
