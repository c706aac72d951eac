import { randomBytes } from 'node:crypto';

export interface PanelHtmlSources {
  /** The webview's `cspSource`: where the stylesheet, fonts and images may come from. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  /** The codicon font's stylesheet, for the icons on the page's small buttons. */
  iconStyleUri?: string;
}

/**
 * The page holds no server data: the script asks for it once loaded and renders it as text, so
 * nothing a server sends can become markup. No `vscode` import, so a browser test can serve the
 * very same HTML.
 */
export function panelHtml({
  cspSource,
  scriptUri,
  styleUri,
  iconStyleUri,
}: PanelHtmlSources): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const styles = [iconStyleUri, styleUri]
    .filter((uri) => uri !== undefined)
    .map((uri) => `<link rel="stylesheet" href="${uri}">`)
    .join('\n  ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  ${styles}
  <title>Confluent Cloud user</title>
</head>
<body>
  <main id="app" aria-busy="true"><p class="status">Loading user…</p></main>
  <script nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>`;
}
