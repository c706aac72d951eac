import * as fs from 'node:fs';
import * as path from 'node:path';
import createClient from 'openapi-fetch';
import {
  basicAuthorization,
  nextToken,
  pageSize,
  type Enumerate,
  type Target,
} from './enumeration';
import { bin, runTool } from './tools';

/**
 * The one path the benchmark calls, shaped as openapi-typescript writes it. The generated types
 * exist only at bench time, so this source type-checks against this loose copy, and
 * {@link checkAgainstSpec} checks the same call against the generated file.
 */
interface ListUsersPaths {
  '/iam/v2/users': {
    get: {
      parameters: { query?: { page_size?: number; page_token?: string } };
      responses: {
        200: {
          content: { 'application/json': { metadata: { next?: string | null }; data: unknown[] } };
        };
      };
    };
  };
}

/** A generic client: openapi-fetch over the global fetch, as a typed-SDK user would write it. */
export function viaOpenapiFetch(target: Target): Enumerate {
  const client = createClient<ListUsersPaths>({
    baseUrl: target.url,
    headers: { authorization: basicAuthorization(target.credentials) },
  });
  return async () => {
    let count = 0;
    let pageToken: string | undefined;
    do {
      const query = { page_size: pageSize, ...(pageToken && { page_token: pageToken }) };
      const { data, error } = await client.GET('/iam/v2/users', { params: { query } });
      if (!data) {
        throw new Error(`openapi-fetch: ${JSON.stringify(error)}`);
      }
      count += data.data.length;
      pageToken = nextToken(data.metadata.next);
    } while (pageToken);
    return count;
  };
}

export function specPath(root: string): string {
  return (
    process.env.CCU_API_SPEC ?? path.resolve(root, '..', 'shared', 'api', 'iam-v2.openapi.yaml')
  );
}

/** Generates `iam-v2.d.ts` from the official spec into `dir`; the spec itself is never copied. */
export async function generateSpecTypes(root: string, dir: string): Promise<string> {
  const spec = specPath(root);
  if (!fs.existsSync(spec)) {
    throw new Error(`The IAM v2 spec is not at ${spec}; set CCU_API_SPEC to its path.`);
  }
  const file = path.join(dir, 'iam-v2.d.ts');
  await runTool(bin(root, 'openapi-typescript'), [spec, '-o', file]);
  return file;
}

/** Type-checks the benchmark's call against the generated types, so the loose copy cannot drift. */
export async function checkAgainstSpec(root: string, dir: string): Promise<void> {
  const check = path.join(dir, 'listUsersCall.ts');
  fs.writeFileSync(check, checkSource);
  const flags = ['--noEmit', '--strict', '--skipLibCheck', '--esModuleInterop'];
  await runTool(bin(root, 'tsc'), [...flags, '--module', 'commonjs', '--target', 'es2022', check]);
}

const checkSource = `import createClient from 'openapi-fetch';
import type { paths } from './iam-v2';

export async function page(token?: string): Promise<[string | null | undefined, number]> {
  const client = createClient<paths>({ baseUrl: 'http://127.0.0.1', headers: { authorization: '' } });
  const query = { page_size: ${pageSize}, ...(token && { page_token: token }) };
  const { data } = await client.GET('/iam/v2/users', { params: { query } });
  return [data?.metadata.next, data?.data.length ?? 0];
}
`;
