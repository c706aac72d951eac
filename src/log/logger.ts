import type * as vscode from 'vscode';

export type Fields = Record<string, unknown>;

export interface Logger {
  trace(message: string, fields?: Fields): void;
  debug(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

const SENSITIVE_FIELD = /authorization|secret|token|password|credential|apikey/i;

/**
 * Renders fields as `key=value`, replacing any field whose name sounds secret, so that a careless
 * call site cannot put a credential in the log.
 */
export function formatFields(fields: Fields | undefined): string {
  if (!fields) {
    return '';
  }
  const parts = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${SENSITIVE_FIELD.test(key) ? '[redacted]' : render(value)}`);
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

function render(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
  }
  if (value instanceof Error) {
    return JSON.stringify(value.message);
  }
  return String(value);
}

/** A logger for one area of the extension, writing to the shared log output channel. */
export function createLogger(channel: vscode.LogOutputChannel, area: string): Logger {
  const line = (message: string, fields?: Fields) => `[${area}] ${message}${formatFields(fields)}`;
  return {
    trace: (message, fields) => channel.trace(line(message, fields)),
    debug: (message, fields) => channel.debug(line(message, fields)),
    info: (message, fields) => channel.info(line(message, fields)),
    warn: (message, fields) => channel.warn(line(message, fields)),
    error: (message, fields) => channel.error(line(message, fields)),
  };
}
