import { ApiError } from '../src/api/apiError';
import { closeSharedPools } from '../src/api/dispatcher';
import { UsersClient } from '../src/api/usersClient';
import { checkBaseUrl } from '../src/baseUrl';
import { DEFAULT_API_BASE_URL, ENV_API_KEY, ENV_API_SECRET } from '../src/constants';

/** sysexits' EX_CONFIG: the check could not run, which must never read as a pass. */
const NOT_RUN = 78;
const ENV_BASE_URL = 'CONFLUENT_CLOUD_API_BASE_URL';

/**
 * `npm run test:live`: a read-only smoke test against real Confluent Cloud. It lists the first
 * page of users and reads one of them; it never changes anything. Proxy variables apply.
 */
async function main(): Promise<number> {
  const apiKey = process.env[ENV_API_KEY]?.trim();
  const apiSecret = process.env[ENV_API_SECRET]?.trim();
  if (!apiKey || !apiSecret) {
    console.log(
      `Live check NOT RUN: set ${ENV_API_KEY} and ${ENV_API_SECRET} (a Cloud API key allowed ` +
        `to list users) and, for another endpoint, ${ENV_BASE_URL}. Nothing was checked.`,
    );
    return NOT_RUN;
  }
  const { url, problem } = checkBaseUrl(process.env[ENV_BASE_URL] || DEFAULT_API_BASE_URL);
  if (!url) {
    console.log(`Live check NOT RUN: ${ENV_BASE_URL} is unusable: ${problem}`);
    return NOT_RUN;
  }
  const client = new UsersClient({
    baseUrl: url,
    credentials: { kind: 'apiKey', apiKey, apiSecret },
  });
  return check(client, url);
}

async function check(client: UsersClient, url: string): Promise<number> {
  console.log(`Live check against ${url} (read-only)`);
  const page = await client.listUsers({ pageSize: 10 });
  const total = page.totalSize === undefined ? 'no total' : `${page.totalSize} in all`;
  console.log(`  list users: ${page.users.length} on the first page, ${total}`);
  if (page.users.length === 0) {
    console.log('Live check FAILED: the organization lists no users, so none could be read.');
    return 1;
  }
  const user = await client.getUser(page.users[0].id);
  if (user.id !== page.users[0].id) {
    console.log(`Live check FAILED: asked for ${page.users[0].id} but got ${user.id}.`);
    return 1;
  }
  console.log(`  read user: ${user.id} (${user.auth_type ?? 'no auth_type'})`);
  console.log('Live check passed.');
  return 0;
}

main()
  .catch((error: unknown) => {
    const message = error instanceof ApiError ? error.message : String(error);
    console.log(`Live check FAILED: ${message}`);
    return 1;
  })
  .then(async (code) => {
    await closeSharedPools();
    process.exitCode = code;
  });
