import { ApiError } from '../../src/api/apiError';
import { closeSharedPools } from '../../src/api/dispatcher';
import { UsersClient } from '../../src/api/usersClient';

/**
 * Run by tls.test.ts in a child Node process, because NODE_EXTRA_CA_CERTS is only read when Node
 * starts. Lists one page from the URL given, and prints what happened as one line of JSON.
 */
async function main(): Promise<void> {
  const [baseUrl, apiKey, apiSecret] = process.argv.slice(2);
  const client = new UsersClient({
    baseUrl,
    credentials: { kind: 'apiKey', apiKey, apiSecret },
    maxRetries: 0,
  });
  try {
    const page = await client.listUsers({ pageSize: 5 });
    console.log(JSON.stringify({ users: page.users.length }));
  } catch (err) {
    const { kind, code, message } =
      err instanceof ApiError ? err : new ApiError({ kind: 'network', message: String(err) });
    console.log(JSON.stringify({ kind, code, message }));
  } finally {
    await closeSharedPools();
  }
}

void main();
