import { fail } from './failures';
import type { Reply } from './reply';

export type AuthKind = 'basic' | 'bearer' | 'none' | 'invalid';

export interface SandboxCredentials {
  apiKey: string;
  apiSecret: string;
  bearerToken: string;
}

/** Fixed so the demo and the docs can show them; they open nothing but a local sandbox. */
export const DEFAULT_CREDENTIALS: SandboxCredentials = {
  apiKey: 'SANDBOXKEY0000001',
  apiSecret: 'sandbox-secret-not-a-real-secret-0000000000000000000000000000001',
  bearerToken: 'sandbox-bearer-token-0000000000000001',
};

export function classifyAuth(
  header: string | undefined,
  credentials: SandboxCredentials,
): AuthKind {
  if (!header) {
    return 'none';
  }
  const [, scheme = '', value = ''] = /^(\S+)\s+(.*)$/.exec(header.trim()) ?? [];
  if (scheme.toLowerCase() === 'basic') {
    const expected = `${credentials.apiKey}:${credentials.apiSecret}`;
    return Buffer.from(value, 'base64').toString('utf8') === expected ? 'basic' : 'invalid';
  }
  if (scheme.toLowerCase() === 'bearer') {
    return value === credentials.bearerToken ? 'bearer' : 'invalid';
  }
  return 'invalid';
}

export function unauthorized(auth: AuthKind, header: string | undefined): Reply {
  return fail(401, 'Valid authentication credentials must be provided', {
    headers: { 'WWW-Authenticate': challenge(auth, header) },
  });
}

function challenge(auth: AuthKind, header: string | undefined): string {
  if (auth === 'none') {
    return 'Basic error="missing_key", error_description="No API Key was provided"';
  }
  if (/^bearer\s/i.test(header ?? '')) {
    return 'Bearer error="invalid_token", error_description="The access token is invalid"';
  }
  return 'Basic error="invalid_key", error_description="The API Key is invalid"';
}
