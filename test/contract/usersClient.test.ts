import * as assert from 'node:assert/strict';
import { ApiError } from '../../src/api/apiError';
import { closeSharedPools } from '../../src/api/dispatcher';
import type { Credentials, User } from '../../src/api/types';
import { UsersClient } from '../../src/api/usersClient';
import { startSandbox, type Faults, type Sandbox } from '../sandbox/server';
import { startContractProxy, type ContractProxy } from './prismProxy';

/** Not a multiple of 10 or 100, so the last page at each size is a short one. */
const userCount = 205;

type Operation = 'list' | 'read' | 'update' | 'delete';

/** How the sandbox is made to answer one error status. */
interface ErrorCase {
  operation: Operation;
  status: number;
  how: string;
  faults?: (id: string) => Faults;
  credentials?: (sandbox: Sandbox) => Credentials;
  /** Send this id or page token instead of a real one. */
  target?: string;
}

const byId = (status: number) => (id: string) => ({ byId: { [id]: status } });
const wrongSecret = (sandbox: Sandbox): Credentials => ({
  kind: 'apiKey',
  apiKey: sandbox.credentials.apiKey,
  apiSecret: 'not-the-secret',
});

/** Every error status the spec lists for the four Users operations, each made by the sandbox. */
const errorCases: ErrorCase[] = [
  { operation: 'list', status: 400, how: 'a page token it never issued', target: 'bogus' },
  { operation: 'list', status: 401, how: 'a wrong secret', credentials: wrongSecret },
  {
    operation: 'list',
    status: 403,
    how: 'a fault',
    faults: () => ({ serverErrorEvery: 1, serverErrorStatus: 403 }),
  },
  { operation: 'list', status: 429, how: 'a rate limit', faults: () => ({ rateLimitEvery: 1 }) },
  { operation: 'list', status: 500, how: 'a fault', faults: () => ({ serverErrorEvery: 1 }) },
  ...[400, 403, 429, 500].map((status) => itemFault('read', status)),
  { operation: 'read', status: 401, how: 'a wrong secret', credentials: wrongSecret },
  { operation: 'read', status: 404, how: 'an unknown id', target: 'u-missing' },
  ...[400, 402, 403, 409, 429, 500].map((status) => itemFault('update', status)),
  { operation: 'update', status: 401, how: 'a wrong secret', credentials: wrongSecret },
  { operation: 'update', status: 404, how: 'an unknown id', target: 'u-missing' },
  { operation: 'update', status: 422, how: 'an empty full name' },
  ...[400, 403, 429, 500].map((status) => itemFault('delete', status)),
  { operation: 'delete', status: 401, how: 'a wrong secret', credentials: wrongSecret },
  { operation: 'delete', status: 404, how: 'an unknown id', target: 'u-missing' },
];

function itemFault(operation: Operation, status: number): ErrorCase {
  return { operation, status, how: 'a fault for that user', faults: byId(status) };
}

describe('UsersClient against the official IAM v2 spec, through Prism', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let contract: ContractProxy;

  function client(credentials?: Credentials): UsersClient {
    const { apiKey, apiSecret } = sandbox.credentials;
    return new UsersClient({
      baseUrl: contract.url,
      credentials: credentials ?? { kind: 'apiKey', apiKey, apiSecret },
      maxRetries: 0,
    });
  }

  /**
   * A test that also fails if Prism found anything off the spec. A violation explains a failed
   * assertion better than the assertion does, so it wins; it is checked in the test, not in a
   * hook, because a failing hook would skip every test after it.
   */
  function itOnSpec(title: string, test: () => Promise<void>): void {
    it(title, async () => {
      try {
        await test();
      } finally {
        assert.deepEqual(
          contract.violations(),
          [],
          'Prism found a request or response off the spec',
        );
      }
    });
  }

  function someUser(): User {
    return sandbox.users()[3];
  }

  before(async function () {
    sandbox = await startSandbox({ userCount, seed: 11 });
    contract = await startContractProxy(sandbox.url);
  });

  beforeEach(function () {
    sandbox.reset();
    contract.exchanges.length = 0;
  });

  after(async function () {
    await contract?.close();
    await sandbox?.close();
    await closeSharedPools();
  });

  for (const pageSize of [1, 10, 100]) {
    itOnSpec(`lists every user, ${pageSize} per page, to the last page`, async () => {
      const users = await listAll(client(), pageSize);

      assert.equal(users.length, userCount);
      assert.equal(new Set(users.map((user) => user.id)).size, userCount);
      assert.equal(contract.exchanges.length, Math.ceil(userCount / pageSize));
    });
  }

  itOnSpec('reads a user', async () => {
    const user = await client().getUser(someUser().id);

    assert.deepEqual(user, someUser());
  });

  itOnSpec('reads a user with a bearer token', async () => {
    const token = sandbox.credentials.bearerToken;
    const user = await client({ kind: 'bearer', token }).getUser(someUser().id);

    assert.equal(user.id, someUser().id);
  });

  itOnSpec('renames a user', async () => {
    const user = await client().updateFullName(someUser().id, 'Zoë Núñez-Ødegaard');

    assert.equal(user.full_name, 'Zoë Núñez-Ødegaard');
    assert.equal(sandbox.getUser(user.id)?.full_name, 'Zoë Núñez-Ødegaard');
  });

  itOnSpec('deletes a user', async () => {
    const { id } = someUser();
    await client().deleteUser(id);

    assert.equal(sandbox.getUser(id), undefined);
  });

  for (const c of errorCases) {
    itOnSpec(
      `reports ${c.status} from ${c.operation} (${c.how}) as the spec describes it`,
      async () => {
        const id = c.target ?? someUser().id;
        sandbox.setFaults(c.faults?.(id) ?? {});
        const err = await rejection(run(client(c.credentials?.(sandbox)), c, id));

        assert.equal(err.status, c.status);
        assert.ok(err.requestId, 'the sandbox request id came through');
        assert.equal(contract.exchanges.length, 1);
      },
    );
  }

  it('notices a response off the spec (a list of service accounts)', async () => {
    sandbox.setFaults({ malformedEvery: 1, malformed: 'wrong-kind' });
    await rejection(client().listUsers());

    const seen = contract.violations();
    assert.ok(
      seen.some((v) => /kind must be equal to one of the allowed values: UserList/.test(v)),
      seen.join('\n'),
    );
  });
});

function run(client: UsersClient, c: ErrorCase, id: string): Promise<unknown> {
  switch (c.operation) {
    case 'list':
      return client.listUsers({ pageSize: 10, pageToken: c.target });
    case 'read':
      return client.getUser(id);
    case 'update':
      return client.updateFullName(id, '');
    case 'delete':
      return client.deleteUser(id);
  }
}

async function listAll(client: UsersClient, pageSize: number): Promise<User[]> {
  const users: User[] = [];
  let pageToken: string | undefined;
  do {
    const page = await client.listUsers({ pageSize, pageToken });
    users.push(...page.users);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return users;
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ApiError, `expected an ApiError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail');
}
