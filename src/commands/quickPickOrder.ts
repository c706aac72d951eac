/**
 * VS Code reorders a quick pick's items whenever its input holds text: items whose label matches
 * the text come first, by how their label begins, ends and then sorts; the rest follow in the
 * order given. Putting the items in that order first makes the first item the row VS Code
 * highlights, and the first few hundred of many the rows it shows at the top.
 *
 * A label "matches" here when it contains the trimmed text, ignoring case, with `*` standing for
 * any run of characters. VS Code also matches the initials of words ("jd" in "John Doe"); such a
 * label may still rise above the order given here, which is the only difference.
 */
export function quickPickOrder<T>(
  items: readonly T[],
  label: (item: T) => string,
  value: string,
  limit = Infinity,
): T[] {
  const text = value.trim();
  if (!text) {
    return items.slice(0, limit);
  }
  const matches = labelMatcher(text);
  const lookFor = value.toLowerCase();
  const compare = (a: Entry<T>, b: Entry<T>) => compareLabels(a.lower, b.lower, lookFor);
  // The best `limit` matching labels, kept in order as they are found: a short query can match
  // thousands, and sorting them all at every redraw would cost more than finding them.
  const best: Array<Entry<T>> = [];
  const rest: T[] = [];
  for (const item of items) {
    const shown = label(item);
    if (!matches(shown)) {
      if (best.length + rest.length < limit) {
        rest.push(item);
      }
      continue;
    }
    const entry = { item, lower: shown.toLowerCase() };
    if (best.length >= limit && compare(entry, best[best.length - 1]) >= 0) {
      continue;
    }
    best.splice(insertionPoint(best, entry, compare), 0, entry);
    if (best.length > limit) {
      best.pop();
    }
  }
  return [...best.map(({ item }) => item), ...rest].slice(0, limit);
}

interface Entry<T> {
  item: T;
  lower: string;
}

/** After every entry that sorts before or with `entry`, so equal labels keep the given order. */
function insertionPoint<E>(sorted: E[], entry: E, compare: (a: E, b: E) => number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(sorted[middle], entry) <= 0) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

function labelMatcher(text: string): (label: string) => boolean {
  const pattern = text
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.*');
  const regex = new RegExp(pattern, 'i');
  // VS Code matches the label without its $(icon) references.
  return (label) => regex.test(label.replace(/\$\([\w~-]+\)/g, ''));
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Labels that begin with the text first, shorter first; then those that end with it; then A–Z. */
function compareLabels(a: string, b: string, lookFor: string): number {
  const aStarts = a.startsWith(lookFor);
  const bStarts = b.startsWith(lookFor);
  if (aStarts !== bStarts) {
    return aStarts ? -1 : 1;
  }
  if (aStarts && a.length !== b.length) {
    return a.length - b.length;
  }
  const aEnds = a.endsWith(lookFor);
  const bEnds = b.endsWith(lookFor);
  if (aEnds !== bEnds) {
    return aEnds ? -1 : 1;
  }
  const byName = collator.compare(a, b);
  if (byName !== 0 || a === b) {
    return byName;
  }
  return a < b ? -1 : 1;
}
