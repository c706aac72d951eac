const counts = new Intl.NumberFormat('en-US');

/** A count as the extension shows it: "20,000", with the separator of its English text. */
export function formatCount(count: number): string {
  return counts.format(count);
}
