/**
 * A pipeline name for a new pipeline made from a template: the template's
 * title, or with " 2", " 3", … appended when that name is taken (names are
 * unique; compared ignoring case so no two differ only by case).
 */
export function uniquePipelineName(title: string, taken: readonly string[]): string {
  const names = new Set(taken.map((name) => name.trim().toLowerCase()));
  if (!names.has(title.toLowerCase())) return title;
  for (let n = 2; ; n++) if (!names.has(`${title} ${n}`.toLowerCase())) return `${title} ${n}`;
}
