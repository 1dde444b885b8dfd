/**
 * Theme tokens every widget shares: CSS variables on `.ql-widget`, light by
 * default, dark under `data-theme="dark"` or the reader's dark preference.
 * Colours keep at least 4.5:1 contrast on their background in both themes.
 */
const light =
  '--ql-bg:#ffffff;--ql-fg:#111827;--ql-muted:#4b5563;--ql-border:#d1d5db;--ql-head:#f3f4f6;--ql-up:#046c2c;--ql-down:#b42318;--ql-flash-up:#d1fadf;--ql-flash-down:#fee4e2;--ql-skeleton:#e5e7eb;--ql-accent:#1d4ed8;--ql-accent-fg:#ffffff;--ql-field:#ffffff;--ql-warn:#92400e;--ql-warn-bg:#fef3c7;';
const dark =
  '--ql-bg:#0f172a;--ql-fg:#f1f5f9;--ql-muted:#cbd5e1;--ql-border:#334155;--ql-head:#1e293b;--ql-up:#4ade80;--ql-down:#fca5a5;--ql-flash-up:#14532d;--ql-flash-down:#7f1d1d;--ql-skeleton:#334155;--ql-accent:#93c5fd;--ql-accent-fg:#0f172a;--ql-field:#0b1222;--ql-warn:#fcd34d;--ql-warn-bg:#422006;';

/** Base CSS of every widget: tokens, frame, header, status, tables, forms, skeletons. */
export const widgetBaseCss = `
.ql-widget{${light}font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ql-fg);background:var(--ql-bg);border:1px solid var(--ql-border);border-radius:8px;padding:12px;box-sizing:border-box;min-width:0}
.ql-widget[data-theme="dark"]{${dark}}
@media (prefers-color-scheme: dark){.ql-widget:not([data-theme="light"]){${dark}}}
.ql-widget *{box-sizing:border-box}
.ql-widget header{display:flex;justify-content:space-between;align-items:baseline;gap:12px;margin:0 0 8px}
.ql-widget h2{font-size:16px;margin:0}
.ql-status{font-size:13px;color:var(--ql-muted);display:inline-flex;align-items:center;gap:6px}
.ql-status::before{content:"";width:8px;height:8px;border-radius:50%;background:currentColor}
.ql-status[data-status="live"]{color:var(--ql-up)}
.ql-status[data-status="reconnecting"],.ql-status[data-status="offline"],.ql-status[data-status="unavailable"]{color:var(--ql-down)}
.ql-notice{padding:12px 8px;border-inline-start:3px solid var(--ql-warn);background:var(--ql-warn-bg);border-radius:4px;white-space:normal;text-align:left}
.ql-notice p{margin:0 0 6px}
.ql-notice .ql-notice-title{font-weight:700;color:var(--ql-fg)}
.ql-header-end{display:inline-flex;align-items:center;flex-wrap:wrap;justify-content:flex-end}
.ql-paused{display:inline-block;margin-inline-end:8px;font-size:12px;font-weight:700;padding:1px 8px;border-radius:999px;border:1px solid var(--ql-warn);color:var(--ql-warn);background:var(--ql-warn-bg);white-space:nowrap}
.ql-table-wrap{overflow-x:auto;max-width:100%}
.ql-widget table{width:100%;border-collapse:collapse;font-variant-numeric:tabular-nums}
.ql-widget caption{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.ql-widget th,.ql-widget td{padding:6px 8px;border-bottom:1px solid var(--ql-border);white-space:nowrap;text-align:left}
.ql-widget thead th{background:var(--ql-head);font-weight:600;color:var(--ql-muted);font-size:12px;text-transform:uppercase;letter-spacing:.03em}
.ql-widget tbody th{font-weight:600}
.ql-widget .ql-num{text-align:right}
.ql-up{color:var(--ql-up)}.ql-down{color:var(--ql-down)}
.ql-muted{color:var(--ql-muted)}
.ql-skeleton td span,.ql-skeleton-line{display:inline-block;height:1em;width:4em;border-radius:4px;background:var(--ql-skeleton)}
.ql-empty{color:var(--ql-muted);padding:16px 8px}
.ql-error{color:var(--ql-down)}
.ql-widget label{display:block;font-size:12px;font-weight:600;color:var(--ql-muted);margin:0 0 4px}
.ql-widget input,.ql-widget select{font:inherit;width:100%;padding:6px 8px;border:1px solid var(--ql-border);border-radius:6px;background:var(--ql-field);color:var(--ql-fg)}
.ql-widget input[aria-invalid="true"],.ql-widget select[aria-invalid="true"]{border-color:var(--ql-down)}
.ql-widget button{font:inherit;padding:6px 12px;border-radius:6px;border:1px solid var(--ql-border);background:transparent;color:var(--ql-fg);cursor:pointer}
.ql-widget button.ql-primary{background:var(--ql-accent);border-color:var(--ql-accent);color:var(--ql-accent-fg);font-weight:600}
.ql-widget button:disabled{opacity:.6;cursor:progress}
.ql-widget :focus-visible{outline:3px solid var(--ql-accent);outline-offset:2px}
.ql-visually-hidden{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.ql-field-error{font-size:12px;color:var(--ql-down);margin:4px 0 0}
`;
