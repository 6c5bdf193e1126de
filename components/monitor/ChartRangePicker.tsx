import { SegmentedControl } from "@/components/ui/SegmentedControl";
import { formatDuration } from "@/lib/client/format-live";
import type { ChartRange } from "./chart-rows";

const options = [
  { value: "auto", label: "Since deploy" },
  { value: "5m", label: "5 m" },
  { value: "15m", label: "15 m" },
  { value: "1h", label: "1 h" },
] as const satisfies readonly { value: ChartRange; label: string }[];

/** The charts' shared time range: since the deployment started (up to 15 minutes), or 5 minutes, 15 minutes, an hour. */
export function ChartRangePicker({ value, onChange, domain }: { value: ChartRange; onChange: (range: ChartRange) => void; domain: [number, number] }) {
  return (
    <div className="flex items-center justify-between gap-3" data-testid="chart-range" data-range={value} data-span-ms={domain[1] - domain[0]}>
      <h2 className="text-[13px] font-semibold text-slate-900">
        Charts <span className="font-normal text-slate-500">· last {formatDuration(domain[1] - domain[0])}</span>
      </h2>
      <SegmentedControl label="Chart time range" options={options} value={value} onChange={onChange} />
    </div>
  );
}
