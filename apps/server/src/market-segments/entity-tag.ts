/** The ETag of one version of one segment (strong: any real change makes a new one). */
export function segmentEtag(id: string, version: number): string {
  return `"${id}-${version}"`;
}

type EntityTagList = '*' | { tag: string; weak: boolean }[];

/** Parses an If-Match / If-None-Match value: `*`, or a comma-separated list of (W/)"tags". */
function parseEntityTags(header: string): EntityTagList {
  if (header.trim() === '*') return '*';
  const tags: { tag: string; weak: boolean }[] = [];
  for (const match of header.matchAll(/(W\/)?("[^"]*")/g)) {
    tags.push({ weak: match[1] !== undefined, tag: match[2] ?? '' });
  }
  return tags;
}

/** If-Match uses the strong comparison: a weak tag never matches. */
export function ifMatchSatisfied(header: string, currentEtag: string): boolean {
  const tags = parseEntityTags(header);
  return tags === '*' || tags.some(({ tag, weak }) => !weak && tag === currentEtag);
}

/** If-None-Match uses the weak comparison: W/"x" matches "x". True means "not modified". */
export function ifNoneMatchMatches(header: string, currentEtag: string): boolean {
  const tags = parseEntityTags(header);
  return tags === '*' || tags.some(({ tag }) => tag === currentEtag);
}
