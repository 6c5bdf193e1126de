import { Skeleton } from "@/components/ui/Skeleton";

/** The monitor's frame with placeholders, shown while the pipeline and its status load, so nothing jumps when they arrive. */
export function MonitorSkeleton() {
  return (
    <div className="flex min-h-0 flex-1 flex-col" role="status" aria-label="Loading the monitor" data-testid="monitor-loading">
      <div className="flex h-12 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-3">
        <Skeleton className="size-8" />
        <Skeleton className="h-4 w-44" />
        <Skeleton className="h-6 w-20 rounded-full" />
        <Skeleton className="h-3 w-40" />
        <Skeleton className="ml-auto h-8 w-28" />
        <Skeleton className="h-8 w-20" />
        <Skeleton className="h-8 w-28" />
      </div>
      <div className="flex h-10 shrink-0 items-center gap-4 border-b border-slate-200 bg-white px-6">
        <Skeleton className="h-3 w-16" />
        <Skeleton className="h-3 w-20" />
      </div>
      <div className="flex flex-col gap-4 p-4">
        <div className="grid grid-cols-5 gap-3">
          {Array.from({ length: 5 }, (_, index) => (
            <div key={index} className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white px-4 py-3">
              <Skeleton className="h-3 w-24" />
              <Skeleton className="h-6 w-20" />
              <Skeleton className="h-2.5 w-16" />
            </div>
          ))}
        </div>
        <div className="h-[300px] rounded-lg border border-slate-200 bg-white bg-[radial-gradient(var(--color-slate-200)_1px,transparent_1px)] [background-size:16px_16px]" />
        <div className="grid grid-cols-3 gap-4">
          {Array.from({ length: 3 }, (_, index) => (
            <div key={index} className="flex h-[260px] flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
              <Skeleton className="h-3.5 w-24" />
              <Skeleton className="h-3 w-40" />
              <Skeleton className="mt-2 flex-1" />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
