/** The advisory panel's HTML shell and its nonce. Pure: the webview script renders everything else. */

/** 128 random bits as hex; from Web Crypto, which both the Node and the web worker extension hosts have. */
export function makeNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface PanelHtmlInput {
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  /** The packaged codicon stylesheet (its font sits next to it). */
  codiconsUri: string;
  nonce: string;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Nothing loads but our own stylesheet and the one script carrying the nonce; no inline code, no remote hosts. */
export function panelHtml({ cspSource, scriptUri, styleUri, codiconsUri, nonce }: PanelHtmlInput): string {
  const csp = `default-src 'none'; img-src ${cspSource}; style-src ${cspSource}; font-src ${cspSource}; script-src 'nonce-${nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${escapeAttr(codiconsUri)}">
  <link rel="stylesheet" href="${escapeAttr(styleUri)}">
  <title>SMB Guard</title>
</head>
<body>
  <main id="app" aria-label="SMB Guard finding detail"></main>
  <script nonce="${nonce}" src="${escapeAttr(scriptUri)}"></script>
</body>
</html>`;
}
