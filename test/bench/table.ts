export interface Row {
  figure: string;
  value: string;
  goal: string;
  /** Undefined when there is no goal or nothing was measured. */
  met?: boolean;
}

const header = ['Figure', 'Value', 'Goal', 'Met'];

/** A Markdown table, padded as Prettier pads one, so it can go into the README as printed. */
export function formatTable(rows: Row[]): string {
  const cells = rows.map((row) => [row.figure, row.value, row.goal, mark(row.met)]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((c) => c[i].length)));
  const line = (values: string[]) =>
    `| ${values.map((value, i) => value.padEnd(widths[i])).join(' | ')} |`;
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  return [line(header), rule, ...cells.map(line)].join('\n');
}

function mark(met: boolean | undefined): string {
  return met === undefined ? '–' : met ? 'yes' : 'NO';
}

export function ms(value: number): string {
  return `${value.toFixed(value < 100 ? 1 : 0)} ms`;
}

export function ratio(value: number): string {
  return value.toFixed(2);
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
