import { Skeleton } from "@/components/ui/Skeleton";

/** The editor's frame with placeholders, shown while the pipeline loads so nothing jumps when it arrives. */
export function EditorSkeleton() {
  return (
    <div className="flex min-h-0 flex-1 flex-col" role="status" aria-label="Loading pipeline" data-testid="editor-loading">
      <div className="flex h-12 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-3">
        <Skeleton className="size-8" />
        <Skeleton className="h-4 w-48" />
        <Skeleton className="h-3 w-24" />
        <Skeleton className="ml-auto h-7 w-24 rounded-full" />
        <Skeleton className="h-8 w-20" />
      </div>
      <div className="flex min-h-0 flex-1">
        <div className="flex w-56 shrink-0 flex-col gap-3 border-r border-slate-200 bg-white p-4">
          {Array.from({ length: 7 }, (_, index) => (
            <div key={index} className="flex items-center gap-2.5">
              <Skeleton className="size-7" />
              <div className="flex flex-1 flex-col gap-1.5">
                <Skeleton className="h-3 w-20" />
                <Skeleton className="h-2.5 w-32" />
              </div>
            </div>
          ))}
        </div>
        <div className="flex-1 bg-slate-50 bg-[radial-gradient(var(--color-slate-300)_1px,transparent_1px)] [background-size:16px_16px]" />
        <div className="w-[352px] shrink-0 border-l border-slate-200 bg-white p-4">
          <Skeleton className="h-4 w-24" />
          <Skeleton className="mt-3 h-3 w-56" />
          <Skeleton className="mt-6 h-14 w-full" />
        </div>
      </div>
    </div>
  );
}
