import type { User } from '../api/types';

export type ExportFormat = 'csv' | 'json';

const columns: [string, (user: User) => string | undefined][] = [
  ['id', (user) => user.id],
  ['email', (user) => user.email],
  ['full_name', (user) => user.full_name],
  ['auth_type', (user) => user.auth_type],
  ['created_at', (user) => user.metadata.created_at],
  ['updated_at', (user) => user.metadata.updated_at],
  ['deleted_at', (user) => user.metadata.deleted_at],
  ['resource_name', (user) => user.metadata.resource_name],
];

/** Characters that make a spreadsheet read a cell as a formula (or hide what precedes one). */
const formulaStarts = ['=', '+', '-', '@', '\t', '\r'];

/**
 * A cell that a spreadsheet shows as text: a leading apostrophe stops a name such as
 * `=HYPERLINK(...)` from running as a formula when the file is opened.
 */
export function neutralise(value: string): string {
  return formulaStarts.some((start) => value.startsWith(start)) ? `'${value}` : value;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The users as CSV: a header row, CRLF line ends, every cell neutralised against formulas. It
 * starts with a byte-order mark so that spreadsheets read names in any script as UTF-8.
 */
export function usersToCsv(users: readonly User[]): string {
  const header = columns.map(([name]) => name).join(',');
  const rows = users.map((user) =>
    columns.map(([, read]) => csvField(neutralise(read(user) ?? ''))).join(','),
  );
  return `\uFEFF${[header, ...rows].join('\r\n')}\r\n`;
}

/** The users as the API described them, one JSON array. */
export function usersToJson(users: readonly User[]): string {
  return `${JSON.stringify(users, null, 2)}\n`;
}

export function exportText(users: readonly User[], format: ExportFormat): string {
  return format === 'csv' ? usersToCsv(users) : usersToJson(users);
}

/** e.g. confluent-users-2026-12-03.csv */
export function exportFileName(format: ExportFormat, now = new Date()): string {
  return `confluent-users-${now.toISOString().slice(0, 10)}.${format}`;
}
