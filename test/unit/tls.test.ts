import * as assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ApiError } from '../../src/api/apiError';
import { closeSharedPools } from '../../src/api/dispatcher';
import { UsersClient } from '../../src/api/usersClient';
import { startSandbox, type Sandbox } from '../sandbox/server';

interface ProbeResult {
  users?: number;
  kind?: string;
  code?: string;
  message?: string;
}

const run = promisify(execFile);

/** openssl arguments for a new P-256 key without a passphrase. */
const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
const validity = ['-days', '2'];
const caExtensions = ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign'];

/** A private certificate authority made for this run, and server certificates it signs. */
class TestAuthority {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'ccu-tls-'));
  readonly caFile = path.join(this.dir, 'ca.crt');
  private readonly caKey = path.join(this.dir, 'ca.key');

  constructor() {
    const subject = ['-subj', '/CN=Confluent Users test CA'];
    const extensions = caExtensions.flatMap((extension) => ['-addext', extension]);
    const files = ['-keyout', this.caKey, '-out', this.caFile];
    openssl('req', '-x509', ...newKey, ...validity, ...subject, ...extensions, ...files);
  }

  /** A key and certificate for `altName` (e.g. IP:127.0.0.1), signed by this authority. */
  issue(name: string, altName: string): { key: Buffer; cert: Buffer } {
    const [key, csr, cert, ext] = ['key', 'csr', 'crt', 'ext'].map((suffix) =>
      path.join(this.dir, `${name}.${suffix}`),
    );
    writeFileSync(ext, `subjectAltName=${altName}\nextendedKeyUsage=serverAuth\n`);
    openssl('req', ...newKey, '-keyout', key, '-out', csr, '-subj', `/CN=${name}`);
    const signer = ['-CA', this.caFile, '-CAkey', this.caKey, '-CAcreateserial'];
    openssl('x509', '-req', ...validity, ...signer, '-in', csr, '-out', cert, '-extfile', ext);
    return { key: readFileSync(key), cert: readFileSync(cert) };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { stdio: 'pipe' });
}

describe('UsersClient over HTTPS with a private certificate authority', function () {
  this.timeout(20_000);
  let authority: TestAuthority;
  let sandbox: Sandbox;
  let misnamed: Sandbox;

  /** Lists a page in a fresh Node process, the way VS Code would start with this environment. */
  async function probe(url: string, env: NodeJS.ProcessEnv): Promise<ProbeResult> {
    const { apiKey, apiSecret } = sandbox.credentials;
    const script = path.join(__dirname, 'tlsProbe.js');
    const childEnv = { ...withoutExtraCa(process.env), ...env };
    const { stdout } = await run(process.execPath, [script, url, apiKey, apiSecret], {
      env: childEnv,
    });
    return JSON.parse(stdout) as ProbeResult;
  }

  before(async function () {
    authority = new TestAuthority();
    sandbox = await startSandbox({
      userCount: 12,
      tls: authority.issue('sandbox', 'IP:127.0.0.1'),
    });
    misnamed = await startSandbox({ tls: authority.issue('other', 'DNS:other.example') });
  });

  after(async function () {
    await closeSharedPools();
    await sandbox?.close();
    await misnamed?.close();
    authority?.remove();
  });

  it('refuses an unknown authority, names the cause and NODE_EXTRA_CA_CERTS', async function () {
    const { apiKey, apiSecret } = sandbox.credentials;
    const client = new UsersClient({
      baseUrl: sandbox.url,
      credentials: { kind: 'apiKey', apiKey, apiSecret },
    });
    const err = await client.listUsers().then(
      () => assert.fail('expected a TLS failure'),
      (e: unknown) => e,
    );

    assert.ok(err instanceof ApiError, String(err));
    assert.equal(err.kind, 'tls');
    assert.match(err.message, /certificate of 127\.0\.0\.1:\d+ is signed by an unknown authority/);
    assert.match(err.message, /NODE_EXTRA_CA_CERTS/);
    assert.equal(sandbox.requests.length, 0);
  });

  it('works once NODE_EXTRA_CA_CERTS names the authority', async function () {
    const result = await probe(sandbox.url, { NODE_EXTRA_CA_CERTS: authority.caFile });

    assert.deepEqual(result, { users: 5 });
  });

  it('still checks the host name when the authority is trusted', async function () {
    const result = await probe(misnamed.url, { NODE_EXTRA_CA_CERTS: authority.caFile });

    assert.equal(result.kind, 'tls');
    assert.match(result.message ?? '', /was issued for another host name/);
  });

  it('still refuses the authority in a fresh process without NODE_EXTRA_CA_CERTS', async function () {
    const result = await probe(sandbox.url, {});

    assert.equal(result.kind, 'tls');
    assert.match(result.message ?? '', /unknown authority/);
  });
});

/** The parent's own settings must not leak into the child, whatever they are. */
function withoutExtraCa(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const rest = { ...env };
  delete rest.NODE_EXTRA_CA_CERTS;
  delete rest.NODE_TLS_REJECT_UNAUTHORIZED;
  return rest;
}
