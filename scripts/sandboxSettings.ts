// Writes the user settings that point the extension at a local sandbox. The setting has
// application scope, so it has to live in a profile's user settings, not in a workspace.
//
//   node out/scripts/sandboxSettings.js USER_DATA_DIR API_BASE_URL
import * as fs from 'fs';
import * as path from 'path';

/** Merges the sandbox settings into USER_DATA_DIR/User/settings.json, keeping other settings. */
export function writeSandboxSettings(userDataDir: string, apiBaseUrl: string): void {
  const file = path.join(userDataDir, 'User', 'settings.json');
  const settings = {
    ...readSettings(file),
    'confluentUsers.apiBaseUrl': apiBaseUrl,
    // A first-run profile otherwise opens the Welcome page and the Chat panel beside the
    // extension's view, which crowds a demo and its screenshot.
    'workbench.startupEditor': 'none',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
}

function readSettings(file: string): Record<string, unknown> {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // Missing, or edited by hand into JSON with comments: start over rather than fail the launch.
    return {};
  }
}

if (require.main === module) {
  const [userDataDir, apiBaseUrl] = process.argv.slice(2);
  if (!userDataDir || !apiBaseUrl) {
    console.error('Usage: node out/scripts/sandboxSettings.js USER_DATA_DIR API_BASE_URL');
    process.exit(2);
  }
  writeSandboxSettings(userDataDir, apiBaseUrl);
  console.log(`Settings for ${apiBaseUrl} written to ${userDataDir}`);
}
