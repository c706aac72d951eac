/** What an error response says about itself, from whichever shape the server used. */
export interface ErrorBody {
  code?: string;
  title?: string;
  detail?: string;
}

/**
 * Reads a `Failure` body (`errors[0]`), and also the `{"error":{"message"}}` and `{"message"}`
 * shapes that gateways in front of the API send; plain text is kept, HTML is not.
 */
export function parseErrorBody(text: string): ErrorBody {
  const trimmed = text.trim();
  if (!trimmed || trimmed.startsWith('<')) {
    return {};
  }
  const json = parseJson(trimmed);
  if (json === undefined) {
    return { detail: trimmed };
  }
  return fromFailure(json) ?? fromMessage(json) ?? {};
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function fromFailure(json: unknown): ErrorBody | undefined {
  const first = isObject(json) && Array.isArray(json.errors) ? json.errors[0] : undefined;
  if (!isObject(first)) {
    return undefined;
  }
  const body = { code: str(first.code), title: str(first.title), detail: str(first.detail) };
  return (body.code ?? body.title ?? body.detail) ? body : undefined;
}

function fromMessage(json: unknown): ErrorBody | undefined {
  if (!isObject(json)) {
    return undefined;
  }
  const error = json.error;
  const detail = (isObject(error) ? str(error.message) : str(error)) ?? str(json.message);
  const code = isObject(error) ? str(error.code) : undefined;
  return detail ? { code, detail } : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}
