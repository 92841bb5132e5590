// The sandbox's HTML pages share one plain style and one escape.
const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1b1f24; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
code, pre, textarea { font: 13px/1.4 ui-monospace, monospace; }
table { border-collapse: collapse; } th, td { text-align: left; padding: .25rem .75rem .25rem 0; vertical-align: top; }
td code { word-break: break-all; }
.scenario { display: flex; gap: 1rem; align-items: baseline; margin: .4rem 0; }
.scenario a { flex: 0 0 17rem; padding: .35rem .7rem; border: 1px solid #0969da; border-radius: 6px; color: #0969da; text-decoration: none; }
.scenario a:hover { background: #ddf4ff; }
.muted { color: #57606a; } .ok { color: #1a7f37; } .bad { color: #cf222e; }
textarea { width: 100%; height: 14rem; }
`;

export function htmlPage(title: string, body: string, script = ''): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}${script && `<script>${script}</script>`}</body></html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
