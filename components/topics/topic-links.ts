/** The browser's URLs of the topic browser, keeping the chosen cluster. */
export function topicsHref(connection?: string): string {
  return connection ? `/topics?connection=${encodeURIComponent(connection)}` : "/topics";
}

export function topicHref(name: string, connection?: string): string {
  return `/topics/${encodeURIComponent(name)}${connection ? `?connection=${encodeURIComponent(connection)}` : ""}`;
}
