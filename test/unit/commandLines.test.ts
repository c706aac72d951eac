import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

// Compiled beside this file: out/test/unit -> out/scripts, out/test/sandbox.
const DEMO = path.join(__dirname, '..', '..', 'scripts', 'demo.js');
const SANDBOX = path.join(__dirname, '..', 'sandbox', 'cli.js');

const FAULT_FLAGS = [
  '--latency',
  '--rate-limit-every',
  '--retry-after',
  '--fail-every',
  '--fail-status',
  '--malformed-every',
];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

function run(script: string, args: string[]): Promise<Run> {
  const child = start(script, args);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Resolves with the first line of the child's output that `pattern` matches. */
function lineMatching(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  let seen = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) {
        resolve(match);
      }
    });
    child.once('close', () => reject(new Error(`Exited before printing ${pattern}:\n${seen}`)));
  });
}

for (const [name, script, own] of [
  ['npm run demo', DEMO, ['--users', '--port', '--web', '--screenshot']],
  ['npm run sandbox', SANDBOX, ['--host', '--port', '--users', '--seed', '--quiet']],
] as const) {
  describe(`${name} on the command line`, function () {
    this.timeout(10_000);

    it('lists every option with --help, and starts nothing', async function () {
      const { code, stdout } = await run(script, ['--help']);
      assert.equal(code, 0);
      assert.match(stdout, new RegExp(`^Usage: ${name} -- \\[options\\]`));
      for (const flag of [...own, ...FAULT_FLAGS, '--help']) {
        assert.match(stdout, new RegExp(`^ +(-h, )?${flag} `, 'm'), `${flag} in\n${stdout}`);
      }
    });

    it('refuses an unknown option with the usage and exit code 2', async function () {
      const { code, stdout, stderr } = await run(script, ['--error-every', '3']);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.match(stderr, /Unknown option '--error-every'/);
      assert.match(stderr, /\nUsage: /);
    });

    it('refuses a fault that is not a whole number, or not a server error', async function () {
      const notNumber = await run(script, ['--latency', 'slow']);
      assert.equal(notNumber.code, 2);
      assert.match(notNumber.stderr, /--latency needs a whole number, not 'slow'/);
      const notServerError = await run(script, ['--fail-every', '2', '--fail-status', '404']);
      assert.equal(notServerError.code, 2);
      assert.match(notServerError.stderr, /--fail-status needs a server error status/);
    });
  });
}

describe('npm run sandbox with faults', function () {
  this.timeout(10_000);
  let child: ChildProcess | undefined;

  afterEach(function () {
    child?.kill('SIGTERM');
  });

  it('answers as told and says so in its banner', async function () {
    const args = ['--port', '0', '--quiet', '--fail-every', '2', '--fail-status', '503'];
    child = start(SANDBOX, args);
    const banner =
      /at (http:\S+)\n[\s\S]*API key: +(\S+)\n +API secret: +(\S+)\n[\s\S]*fault: +(.*)\n/;
    const [, url, key, secret, fault] = await lineMatching(child, banner);
    assert.equal(fault, '503 on every 2nd API request');
    const authorization = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await fetch(`${url}/iam/v2/users`, { headers: { authorization } })).status);
    }
    assert.deepEqual(statuses, [200, 503, 200, 503]);
  });
});
