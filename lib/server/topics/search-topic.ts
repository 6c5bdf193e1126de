import "server-only";
import type { SearchEvent } from "@/lib/schemas/topics";
import { compileFilter } from "./compile-filter";
import { planRanges, scanSearch, type SearchRequest } from "./search-scan";
import { assertTopicExists, withTopicKafka } from "./topic-kafka";

export type { SearchRequest };

/**
 * Searches a topic: checks the filter and the topic first (a 400 or 404
 * before anything is streamed), then returns the stream of events the scan
 * produces: matching records as they are found, progress, and an end that
 * says why it stopped and where to continue (`cursor`). The filter runs on the
 * server, per record, while reading; the scan is bounded in records, seconds
 * and matches, and stops when `signal` aborts (the client went away or cancelled).
 */
export async function searchTopic(connectionId: string | undefined, topic: string, search: SearchRequest, signal: AbortSignal): Promise<AsyncIterable<SearchEvent>> {
  const filter = compileFilter(search.filter);
  // Checked before the stream opens, so a wrong topic or partition is a plain 404/400.
  const ranges = await withTopicKafka(connectionId, async ({ admin }) => {
    await assertTopicExists(admin, topic);
    return planRanges(admin, topic, search);
  });
  return scanSearch((scan) => withTopicKafka(connectionId, ({ kafka }) => scan(kafka)), topic, search, ranges, filter, signal);
}

