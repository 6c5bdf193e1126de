"use client";

import clsx from "clsx";
import { CircleAlert, CircleX, Info, Pencil, Rocket, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { memo, useCallback, useMemo, useState, type ReactNode } from "react";
import { categoryOf, type PipelineDocument } from "@/engine/graph";
import type { PipelineDetail } from "@/lib/client/api/pipelines";
import { useDeploymentStatus, type DeploymentView } from "@/lib/client/use-deployment-status";
import { useLiveTelemetry, type LivePoint } from "@/lib/client/use-live-telemetry";
import { useNow } from "@/lib/client/use-now";
import { Button } from "@/components/ui/Button";
import { StatePanel } from "@/components/ui/StatePanel";
import { DeadLetterList } from "@/components/live/DeadLetterList";
import { deploymentEvents } from "./deployment-events";
import { DeploymentEvents } from "./DeploymentEvents";
import { FlinkPanel } from "./FlinkPanel";
import { formatDuration, formatNumber, formatRate } from "@/lib/client/format-live";
import { LagChart } from "./LagChart";
import { LatencyChart } from "./LatencyChart";
import { CanvasRuntimeContext, type CanvasRuntime } from "@/components/graph/canvas-runtime";
import { liveCanvasNodes } from "@/components/graph/live-canvas-nodes";
import { PipelineGraph } from "@/components/graph/PipelineGraph";
import { MonitorHeader } from "./MonitorHeader";
import { MonitorSkeleton } from "./MonitorSkeleton";
import { monitoredNodes, pointAtOrAfter, type MonitoredNode } from "@/components/graph/monitored-graph";
import { NodeMetricsTable } from "./NodeMetricsTable";
import { SamplePanel } from "@/components/live/SamplePanel";
import { StatTile } from "./StatTile";
import { ThroughputChart } from "./ThroughputChart";
import { useChartHistory } from "./use-chart-history";
import { ChartRangePicker } from "./ChartRangePicker";
import { timeDomain, type ChartRange } from "./chart-rows";
import { useVersionGraph } from "./use-version-graph";
import { windowedRates, type NodeRate } from "@/components/graph/windowed-rates";

type Tab = "overview" | "dead-letters";

/** Reports older than this mean the pipeline is not running now: numbers are shown as past, not live. */
const freshMs = 10_000;
/** The stat tiles' sparklines cover the last five minutes. */
const trendPoints = 300;
const chartSync = "monitor";

/**
 * The Monitor view of one pipeline: the running graph with live numbers, headline
 * figures, throughput / latency / lag charts over a picked range (since deploy, 5 m, 15 m, 1 h), per-node metrics, the
 * records of a selected node in a drawer below (the graph keeps its width, so other
 * nodes stay a click away), and the dead letters in their own tab. The tab
 * and the selected node live in the URL (`?tab=dead-letters`, `?node=count`), so a view
 * can be linked and survives a reload.
 */
export function PipelineMonitor({ pipeline }: { pipeline: PipelineDetail }) {
  const status = useDeploymentStatus(pipeline.id);
  const { deployment } = status;
  const [paused, setPaused] = useState(false);
  const [range, setRange] = useState<ChartRange>("auto");
  const telemetry = useLiveTelemetry(pipeline.id, { pauseSamples: paused });
  const chartHistory = useChartHistory(telemetry.history);
  // Coarse on purpose: while live, the charts advance with every report anyway.
  const now = useNow(5_000);
  const running = useVersionGraph(pipeline.id, pipeline, status.loading ? pipeline.version : (deployment?.version ?? null));
  const graph = running.status === "loading" ? null : running.graph;
  const nodes = useMemo(() => (graph ? monitoredNodes(graph) : []), [graph]);

  const searchParams = useSearchParams();
  const tab: Tab = searchParams.get("tab") === "dead-letters" ? "dead-letters" : "overview";
  const requestedNode = searchParams.get("node");
  const selected = nodes.find((node) => node.id === requestedNode) ?? null;
  // Stable, so the memoised graph and table do not re-render for it.
  const selectNode = useCallback((id: string | null) => setSearchParam("node", id), []);

  if (status.loading || !graph) return <MonitorSkeleton />;

  const { history, latest } = telemetry;
  const fresh = latest !== null && Math.max(now, latest.at) - latest.at < freshMs;
  const chartNow = Math.max(now, chartHistory.at(-1)?.at ?? 0);
  // "Since deploy": the running deployment's start, else (stopped, or history from before) the first point.
  const startedAt = deployment?.startedAt ? Date.parse(deployment.startedAt) : null;
  const chartDomain = timeDomain(chartNow, range, startedAt ?? chartHistory[0]?.at ?? null);
  const nodeTitles = Object.fromEntries(nodes.map((node) => [node.id, node.title]));
  const neverRan = deployment === null && history.length === 0;
  const deadLetterCount = latest?.counters.deadLetters ?? 0;
  const events = deploymentEvents(deployment, chartHistory);
  const chartEmptyText = deployment === null ? undefined : telemetry.ready ? "Waiting for the first metrics from the engine…" : "Loading the last hour…";

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="pipeline-monitor">
      <MonitorHeader pipelineId={pipeline.id} name={pipeline.name} deployment={deployment} connection={telemetry.connection} now={now} />
      <div className="flex h-10 shrink-0 items-end gap-1 border-b border-slate-200 bg-white px-4" role="tablist" aria-label="Monitor sections">
        <TabButton id="overview" current={tab} onSelect={() => setSearchParam("tab", null)}>
          Overview
        </TabButton>
        <TabButton id="dead-letters" current={tab} onSelect={() => setSearchParam("tab", "dead-letters")}>
          Dead letters
          {deadLetterCount > 0 && (
            <span className="ml-1.5 rounded-full bg-red-50 px-1.5 text-[11px] leading-4 font-semibold text-red-700 tabular-nums" data-testid="dead-letter-count">
              {formatNumber(deadLetterCount)}
            </span>
          )}
        </TabButton>
      </div>

      <div className="flex min-h-0 flex-1 flex-col">
        <div className="@container min-h-0 flex-1 overflow-y-auto" id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`}>
          <div className="flex flex-col gap-4 p-4">
            <Notices
              deployment={deployment}
              latestVersion={status.latestVersion}
              liveError={telemetry.connection === "live" ? telemetry.error : null}
              fallbackMessage={running.status === "fallback" ? running.message : null}
            />
            {tab === "dead-letters" ? (
              <DeadLetterList pipelineId={pipeline.id} nodeTitles={nodeTitles} knownCount={latest?.counters.deadLetters} />
            ) : (
              <>
                {!neverRan && <HeadlineStats history={history} nodes={nodes} fresh={fresh} />}
                {deployment?.runtime === "flink" && <FlinkPanel pipelineId={pipeline.id} status={status} now={now} />}
                <div className={clsx("grid grid-cols-1 gap-4", !neverRan && "@5xl:grid-cols-[minmax(0,1fr)_18rem]")}>
                  <section className="flex h-[300px] flex-col overflow-hidden rounded-lg border border-slate-200 bg-white" aria-label="Pipeline graph">
                    <header className="flex items-center justify-between gap-3 border-b border-slate-100 px-4 py-2">
                      <h2 className="text-[13px] font-semibold text-slate-900">
                        Graph <span className="font-normal text-slate-500">· v{running.status === "loading" ? "" : running.version}</span>
                      </h2>
                      <GraphLegend />
                    </header>
                    <div className="min-h-0 flex-1">
                      <DeployedGraph
                        graph={graph}
                        nodes={nodes}
                        history={history}
                        live={fresh}
                        selectedId={selected?.id ?? null}
                        onSelect={selectNode}
                      />
                    </div>
                  </section>
                  {!neverRan && <DeploymentEvents events={events} />}
                </div>
                {neverRan ? (
                  <NotDeployed pipeline={pipeline} />
                ) : (
                  <>
                    <ChartRangePicker value={range} onChange={setRange} domain={chartDomain} />
                    <div className="-mt-2 grid grid-cols-1 gap-4 @3xl:grid-cols-2 @6xl:grid-cols-3">
                      <ThroughputChart history={chartHistory} nodes={nodes} domain={chartDomain} emptyText={chartEmptyText} syncId={chartSync} />
                      <LatencyChart history={chartHistory} nodes={nodes} domain={chartDomain} emptyText={chartEmptyText} syncId={chartSync} />
                      <LagChart history={chartHistory} domain={chartDomain} emptyText={chartEmptyText} syncId={chartSync} />
                    </div>
                    <section aria-label="Nodes" className="flex flex-col gap-2">
                      <h2 className="text-[13px] font-semibold text-slate-900">
                        Nodes <span className="font-normal text-slate-500">· click a row or a card to see its records</span>
                      </h2>
                      <NodeMetricsTable
                        nodes={nodes}
                        history={history}
                        stale={!fresh}
                        selectedId={selected?.id ?? null}
                        onSelect={selectNode}
                      />
                    </section>
                  </>
                )}
              </>
            )}
          </div>
        </div>

        {selected && (
          <aside className="flex h-[min(440px,48vh)] shrink-0 border-t border-slate-200 shadow-[0_-4px_12px_-8px_rgb(15_23_42/0.2)]" aria-label="Records">
            <SamplePanel
              className="flex-1"
              nodeId={selected.id}
              title={selected.title}
              nodeType={selected.type}
              samplesIn={telemetry.samples?.nodes[selected.id]?.in ?? []}
              samplesOut={telemetry.samples?.nodes[selected.id]?.out ?? []}
              mode="live"
              paused={paused}
              onPausedChange={setPaused}
              onClose={() => selectNode(null)}
              emptyText={sampleEmptyText(deployment)}
            />
          </aside>
        )}
      </div>
    </div>
  );
}

/**
 * Changes one query parameter in place. The native history API updates useSearchParams
 * without a server round trip or a scroll jump.
 */
function setSearchParam(name: string, value: string | null) {
  const params = new URLSearchParams(window.location.search);
  if (value) params.set(name, value);
  else params.delete(name);
  const query = params.toString();
  window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
}

function TabButton({ id, current, onSelect, children }: { id: Tab; current: Tab; onSelect: () => void; children: ReactNode }) {
  const active = id === current;
  return (
    <button
      type="button"
      role="tab"
      id={`tab-${id}`}
      aria-selected={active}
      aria-controls={`panel-${id}`}
      onClick={onSelect}
      className={clsx(
        "relative flex h-10 items-center px-2 text-sm font-medium transition-colors",
        active ? "text-slate-900" : "text-slate-500 hover:text-slate-900",
      )}
      data-testid={`tab-${id}`}
    >
      {children}
      {active && <span className="absolute inset-x-2 bottom-0 h-0.5 rounded-full bg-indigo-600" aria-hidden="true" />}
    </button>
  );
}

/** The headline figures: what comes in, what goes out, how late, how far behind, what failed. */
const HeadlineStats = memo(function HeadlineStats({ history, nodes, fresh }: { history: readonly LivePoint[]; nodes: readonly MonitoredNode[]; fresh: boolean }) {
  const recent = history.slice(-trendPoints);
  const rates = useMemo(() => windowedRates(history.slice(-trendPoints - 5)).slice(-trendPoints), [history]);
  const latest = history.at(-1) ?? null;
  const sources = nodes.filter((node) => categoryOf(node.type) === "source");
  const sinks = nodes.filter((node) => categoryOf(node.type) === "sink");
  const sum = (rate: Record<string, NodeRate> | undefined, of: readonly MonitoredNode[]) =>
    of.reduce((total, node) => total + (rate?.[node.id]?.out ?? 0), 0);
  const minuteAgo = latest ? pointAtOrAfter(history, latest.at - 60_000, latest.deploymentId) : null;
  const newFailures = latest && minuteAgo ? latest.counters.deadLetters - minuteAgo.counters.deadLetters : 0;
  const past = fresh ? undefined : "last reported";

  return (
    <div className="grid grid-cols-2 gap-3 @3xl:grid-cols-3 @6xl:grid-cols-5" data-testid="headline-stats">
      <StatTile
        label="Read from Kafka"
        value={latest ? formatRate(sum(rates.at(-1), sources)) : "—"}
        detail={past ?? `${sources.length} ${sources.length === 1 ? "source" : "sources"}`}
        trend={rates.map((rate) => sum(rate, sources))}
        stale={!fresh}
        data-testid="stat-read"
      />
      <StatTile
        label="Written to Kafka"
        value={latest ? formatRate(sum(rates.at(-1), sinks)) : "—"}
        detail={past ?? `${sinks.length} ${sinks.length === 1 ? "sink" : "sinks"}`}
        trend={rates.map((rate) => sum(rate, sinks))}
        stale={!fresh}
        data-testid="stat-written"
      />
      <StatTile
        label="End-to-end latency p99"
        value={formatDuration(latest?.endToEndP99Ms)}
        detail={past ?? (latest?.endToEndP50Ms != null ? `p50 ${formatDuration(latest.endToEndP50Ms)}` : undefined)}
        trend={recent.map((point) => point.endToEndP99Ms ?? 0)}
        stale={!fresh}
        data-testid="stat-latency"
      />
      <StatTile
        label="Consumer lag"
        value={latest ? `${formatNumber(latest.totalLag)}` : "—"}
        detail={past ?? (latest ? `records behind, ${latest.lag.length} ${latest.lag.length === 1 ? "partition" : "partitions"}` : undefined)}
        trend={recent.map((point) => point.totalLag)}
        stale={!fresh}
        data-testid="stat-lag"
      />
      <StatTile
        label="Failed records"
        value={latest ? formatNumber(latest.counters.deadLetters) : "—"}
        detail={newFailures > 0 ? `+${formatNumber(newFailures)} in the last minute` : "since the deployment started"}
        tone={latest && latest.counters.deadLetters > 0 ? "danger" : "neutral"}
        data-testid="stat-failed"
      />
    </div>
  );
});

function GraphLegend() {
  return (
    <ul className="flex items-center gap-3 text-[11px] text-slate-500" aria-label="Node colours">
      <li className="flex items-center gap-1.5">
        <span className="size-2.5 rounded-sm border-2 border-amber-400" aria-hidden="true" />
        busy &gt; 80% or lag growing
      </li>
      <li className="flex items-center gap-1.5">
        <span className="size-2.5 rounded-sm border-2 border-red-400" aria-hidden="true" />
        errors rising
      </li>
    </ul>
  );
}

/** What the page must say before any number: why it failed, that the engine is silent, that an older version runs. */
function Notices({
  deployment,
  latestVersion,
  liveError,
  fallbackMessage,
}: {
  deployment: DeploymentView | null;
  latestVersion: number | null;
  liveError: string | null;
  fallbackMessage: string | null;
}) {
  const notices: ReactNode[] = [];
  if (deployment?.status === "failed") {
    notices.push(
      <Notice key="failed" tone="danger" icon={<CircleX />} title={`Version ${deployment.version} failed`}>
        {deployment.error ?? "The engine reported a failure without a reason."} Fix the cause and deploy again; offsets and state are kept.
      </Notice>,
    );
  } else if (deployment && (deployment.status === "unresponsive" || deployment.status === "degraded") && deployment.error) {
    notices.push(
      <Notice key="warning" tone="warning" icon={<TriangleAlert />} title={deployment.status === "degraded" ? "Running degraded" : "The engine is not responding"}>
        {deployment.error}
      </Notice>,
    );
  }
  if (deployment?.status === "stopped") {
    notices.push(
      <Notice key="stopped" tone="info" icon={<Info />} title="Stopped">
        The charts keep the last hour before it stopped. Deploy to continue from its offsets and state.
      </Notice>,
    );
  }
  if (deployment && deployment.desiredState === "running" && latestVersion !== null && latestVersion > deployment.version) {
    notices.push(
      <Notice key="behind" tone="info" icon={<Rocket />} title={`v${latestVersion} is saved, v${deployment.version} is running`}>
        Deploy to run the latest version.
      </Notice>,
    );
  }
  if (liveError) {
    notices.push(
      <Notice key="live" tone="warning" icon={<TriangleAlert />} title="No live numbers">
        {liveError}
      </Notice>,
    );
  }
  if (fallbackMessage) {
    notices.push(
      <Notice key="fallback" tone="warning" icon={<CircleAlert />} title="Showing the latest graph">
        The running version&apos;s graph could not be read ({fallbackMessage}); numbers of nodes changed since may not show.
      </Notice>,
    );
  }
  return notices.length > 0 ? <div className="flex flex-col gap-2">{notices}</div> : null;
}

const noticeTones = {
  danger: "border-red-200 bg-red-50 text-red-900 [&_svg]:text-red-600",
  warning: "border-amber-200 bg-amber-50 text-amber-900 [&_svg]:text-amber-600",
  info: "border-slate-200 bg-white text-slate-700 [&_svg]:text-indigo-500",
};

function Notice({ tone, icon, title, children }: { tone: keyof typeof noticeTones; icon: ReactNode; title: string; children: ReactNode }) {
  return (
    <div
      role={tone === "info" ? "status" : "alert"}
      className={clsx("flex items-start gap-2.5 rounded-lg border px-4 py-2.5 text-[13px] leading-5 [&_svg]:mt-0.5 [&_svg]:size-4 [&_svg]:shrink-0", noticeTones[tone])}
      data-testid={`notice-${tone}`}
    >
      {icon}
      <p className="min-w-0 break-words">
        <span className="font-semibold">{title}.</span> {children}
      </p>
    </div>
  );
}

/** The never-deployed state: what deploying will show, and the way to do it (or to fix the graph first). */
function NotDeployed({ pipeline }: { pipeline: PipelineDetail }) {
  const status = useDeploymentStatus(pipeline.id);
  const problems = pipeline.problems.length;
  const editorHref = `/pipelines/${encodeURIComponent(pipeline.id)}`;
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white" data-testid="monitor-not-deployed">
      <StatePanel
        icon={<Rocket />}
        title="Not deployed yet"
        wide
        actions={
          <>
            {problems === 0 && (
              <Button variant="primary" icon={<Rocket />} onClick={() => void status.deploy()} disabled={status.pending !== null} data-testid="not-deployed-deploy">
                Deploy v{pipeline.version}
              </Button>
            )}
            <Link
              href={editorHref}
              className="inline-flex h-8 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 hover:text-slate-900"
            >
              <Pencil className="size-4" aria-hidden="true" />
              {problems > 0 ? "Fix in the editor" : "Edit pipeline"}
            </Link>
          </>
        }
      >
        {problems > 0
          ? `Version ${pipeline.version} has ${problems} ${problems === 1 ? "problem" : "problems"} to fix before it can run.`
          : "Deploy it to watch records per second on every node and connection, latency, consumer lag and the records themselves, live."}
      </StatePanel>
    </div>
  );
}

function sampleEmptyText(deployment: DeploymentView | null): string | undefined {
  if (deployment === null) return "Deploy the pipeline to see the records flowing through this node.";
  if (deployment.status === "stopped" || deployment.status === "failed") return "No records were sampled before the pipeline stopped.";
  return undefined;
}

type DeployedGraphProps = {
  graph: PipelineDocument;
  nodes: readonly MonitoredNode[];
  history: readonly LivePoint[];
  /** Whether numbers are expected; without a fresh report the cards show dashes and edges no rates. */
  live: boolean;
  selectedId: string | null;
  onSelect: (nodeId: string) => void;
};

/** The deployed graph in the renderer's monitor mode, its cards and edges reading the live numbers from context as the editor's do. */
function DeployedGraph({ graph, nodes, history, live, selectedId, onSelect }: DeployedGraphProps) {
  const runtime = useMemo<CanvasRuntime>(() => ({ live: live ? liveCanvasNodes(history, graph) : null, liveVersion: null, preview: null }), [live, history, graph]);
  return (
    <CanvasRuntimeContext value={runtime}>
      <PipelineGraph mode="monitor" graph={graph} nodes={nodes} selectedId={selectedId} onSelect={onSelect} />
    </CanvasRuntimeContext>
  );
}
