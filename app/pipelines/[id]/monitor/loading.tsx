import { MonitorSkeleton } from "@/components/monitor/MonitorSkeleton";

/** Shown while navigating to the monitor, before its page renders. */
export default function MonitorLoading() {
  return <MonitorSkeleton />;
}
