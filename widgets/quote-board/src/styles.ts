/**
 * The quote board's CSS as a string, so it can be rendered inside the widget
 * (and later inside a Shadow DOM root) without depending on the host page.
 */
export const quoteBoardCss = `
.ql-board{--ql-bg:#ffffff;--ql-fg:#111827;--ql-muted:#4b5563;--ql-border:#d1d5db;--ql-head:#f3f4f6;--ql-up:#046c2c;--ql-down:#b42318;--ql-flash-up:#d1fadf;--ql-flash-down:#fee4e2;--ql-skeleton:#e5e7eb;
  font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ql-fg);background:var(--ql-bg);border:1px solid var(--ql-border);border-radius:8px;padding:12px;box-sizing:border-box;}
.ql-board[data-theme="dark"]{--ql-bg:#0f172a;--ql-fg:#f1f5f9;--ql-muted:#cbd5e1;--ql-border:#334155;--ql-head:#1e293b;--ql-up:#4ade80;--ql-down:#fca5a5;--ql-flash-up:#14532d;--ql-flash-down:#7f1d1d;--ql-skeleton:#334155;}
@media (prefers-color-scheme: dark){.ql-board:not([data-theme="light"]){--ql-bg:#0f172a;--ql-fg:#f1f5f9;--ql-muted:#cbd5e1;--ql-border:#334155;--ql-head:#1e293b;--ql-up:#4ade80;--ql-down:#fca5a5;--ql-flash-up:#14532d;--ql-flash-down:#7f1d1d;--ql-skeleton:#334155;}}
.ql-board header{display:flex;justify-content:space-between;align-items:baseline;gap:12px;margin:0 0 8px}
.ql-board h2{font-size:16px;margin:0}
.ql-status{font-size:13px;color:var(--ql-muted);display:inline-flex;align-items:center;gap:6px}
.ql-status::before{content:"";width:8px;height:8px;border-radius:50%;background:currentColor}
.ql-status[data-status="live"]{color:var(--ql-up)}
.ql-status[data-status="reconnecting"],.ql-status[data-status="offline"]{color:var(--ql-down)}
.ql-board table{width:100%;border-collapse:collapse;font-variant-numeric:tabular-nums}
.ql-board caption{text-align:left;position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.ql-board th,.ql-board td{padding:6px 8px;border-bottom:1px solid var(--ql-border);white-space:nowrap}
.ql-board th{background:var(--ql-head);font-weight:600;text-align:left;color:var(--ql-muted);font-size:12px;text-transform:uppercase;letter-spacing:.03em}
.ql-board tbody th{background:transparent;color:var(--ql-fg);text-transform:none;font-size:14px;letter-spacing:0}
.ql-board td.ql-num,.ql-board th.ql-num{text-align:right}
.ql-board td.ql-name{color:var(--ql-muted);max-width:16em;overflow:hidden;text-overflow:ellipsis}
.ql-up{color:var(--ql-up)}.ql-down{color:var(--ql-down)}
.ql-flash-up{animation:ql-flash-up .8s ease-out}.ql-flash-down{animation:ql-flash-down .8s ease-out}
@keyframes ql-flash-up{from{background:var(--ql-flash-up)}to{background:transparent}}
@keyframes ql-flash-down{from{background:var(--ql-flash-down)}to{background:transparent}}
@media (prefers-reduced-motion: reduce){.ql-flash-up,.ql-flash-down{animation:none}}
.ql-skeleton td span{display:inline-block;height:1em;width:4em;border-radius:4px;background:var(--ql-skeleton)}
.ql-empty{color:var(--ql-muted);padding:16px 8px}
`;
