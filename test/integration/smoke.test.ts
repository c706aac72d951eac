// Placeholder proving the plumbing: these run inside a real VS Code extension host.
import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'confluent-cloud-users.confluent-cloud-users';

describe('VS Code host', () => {
  it('reports a semantic version', () => {
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
  });

  it('has this extension loaded for development', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} is not loaded`);
  });
});
