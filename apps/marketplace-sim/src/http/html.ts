import { escapeHtml } from "./raw-body";

const styles = `
:root{--fg:#1f2330;--muted:#667085;--line:#e4e7ec;--bg:#f7f8fa;--accent:#2f6fed;--shopee:#ee4d2d;--tiktok:#111}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{background:#fff;border-bottom:1px solid var(--line);padding:14px 24px;display:flex;gap:16px;align-items:baseline}
header h1{font-size:18px;margin:0}header span{color:var(--muted)}
main{max-width:1200px;margin:0 auto;padding:20px 24px}
section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 18px;margin-bottom:18px}
h2{font-size:16px;margin:0 0 10px}h3{font-size:14px;margin:14px 0 6px}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.03em}
form.inline{display:inline-flex;gap:4px;align-items:center;margin:0}
input,select{font:inherit;padding:4px 6px;border:1px solid var(--line);border-radius:5px;background:#fff}
input[type=number]{width:90px}
button{font:inherit;padding:4px 10px;border-radius:5px;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer}
button.secondary{background:#fff;color:var(--accent)}button.danger{border-color:#d92d20;background:#fff;color:#d92d20}
.badge{display:inline-block;padding:1px 7px;border-radius:10px;font-size:12px;background:#eef2ff;color:#3538cd}
.badge.shopee{background:#fff1ed;color:var(--shopee)}.badge.tiktok{background:#f2f4f7;color:var(--tiktok)}
.muted{color:var(--muted)}code{background:#f2f4f7;padding:1px 4px;border-radius:4px;font-size:12px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:12px}
.card{border:1px solid var(--line);border-radius:8px;padding:14px}
.choice{display:flex;gap:10px;align-items:center;padding:10px;border:1px solid var(--line);border-radius:8px;margin:8px 0;cursor:pointer}
.ok{color:#067647}.bad{color:#b42318}
`;

/** A complete HTML document around `body` (server-rendered; no scripts). */
export function htmlPage(title: string, body: string, subtitle = ""): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${styles}</style></head><body>
<header><h1>${escapeHtml(title)}</h1><span>${escapeHtml(subtitle)}</span></header><main>${body}</main></body></html>`;
}

export function hiddenInputs(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
}
