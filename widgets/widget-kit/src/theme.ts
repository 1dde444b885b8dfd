import { tokenDeclarations } from './themeTokens';

/**
 * Every widget's tokens resolve on `.ql-widget` as `--qli-<name>`: the page's
 * `--ql-<name>` when it sets one (see themeTokens.ts), else light by default,
 * dark under `data-theme="dark"` or the reader's dark preference. The default
 * colours keep at least 4.5:1 contrast on their background in both themes.
 */
const light = tokenDeclarations(0);
const dark = tokenDeclarations(1);
const space = (px: number) => `calc(${px}px * var(--qli-density))`;

/** Base CSS of every widget: tokens, frame, header, status, tables, forms, skeletons. */
export const widgetBaseCss = `
.ql-widget{${light}font-family:var(--qli-font-family);font-size:var(--qli-font-size);line-height:1.4;color:var(--qli-fg);background:var(--qli-bg);border:1px solid var(--qli-border);border-radius:var(--qli-radius);padding:${space(12)};box-sizing:border-box;min-width:0}
.ql-widget[data-theme="dark"]{${dark}}
@media (prefers-color-scheme: dark){.ql-widget:not([data-theme="light"]){${dark}}}
.ql-widget *{box-sizing:border-box}
.ql-widget header{display:flex;justify-content:space-between;align-items:baseline;gap:12px;margin:0 0 8px}
.ql-widget h2{font-size:16px;margin:0}
.ql-status{font-size:13px;color:var(--qli-muted);display:inline-flex;align-items:center;gap:6px}
.ql-status::before{content:"";width:8px;height:8px;border-radius:50%;background:currentColor}
.ql-status[data-status="live"]{color:var(--qli-up)}
.ql-status[data-status="reconnecting"],.ql-status[data-status="offline"],.ql-status[data-status="unavailable"]{color:var(--qli-down)}
.ql-notice{padding:12px 8px;border-inline-start:3px solid var(--qli-warn);background:var(--qli-warn-bg);border-radius:4px;white-space:normal;text-align:left}
.ql-notice p{margin:0 0 6px}
.ql-notice .ql-notice-title{font-weight:700;color:var(--qli-fg)}
.ql-header-end{display:inline-flex;align-items:center;flex-wrap:wrap;justify-content:flex-end}
.ql-paused{display:inline-block;margin-inline-end:8px;font-size:12px;font-weight:700;padding:1px 8px;border-radius:999px;border:1px solid var(--qli-warn);color:var(--qli-warn);background:var(--qli-warn-bg);white-space:nowrap}
.ql-table-wrap{overflow-x:auto;max-width:100%;container-type:inline-size}
.ql-widget table{width:100%;border-collapse:collapse;font-variant-numeric:tabular-nums}
.ql-widget caption{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.ql-widget th,.ql-widget td{padding:${space(6)} ${space(8)};border-bottom:1px solid var(--qli-border);white-space:nowrap;text-align:left}
.ql-widget thead th{background:var(--qli-head);font-weight:600;color:var(--qli-muted);font-size:12px;text-transform:uppercase;letter-spacing:.03em}
.ql-widget tbody th{font-weight:600}
.ql-widget .ql-num{text-align:right}
.ql-widget thead th{vertical-align:bottom}
@container (max-width: 479px){.ql-widget th,.ql-widget td{padding-inline:${space(5)}}.ql-widget thead th{white-space:normal}}
.ql-up{color:var(--qli-up)}.ql-down{color:var(--qli-down)}
.ql-muted{color:var(--qli-muted)}
.ql-skeleton td span,.ql-skeleton-line{display:inline-block;height:1em;width:4em;border-radius:4px;background:var(--qli-skeleton)}
.ql-empty{color:var(--qli-muted);padding:16px 8px}
.ql-error{color:var(--qli-down)}
.ql-widget label{display:block;font-size:12px;font-weight:600;color:var(--qli-muted);margin:0 0 4px}
.ql-widget input,.ql-widget select{font:inherit;width:100%;padding:${space(6)} ${space(8)};border:1px solid var(--qli-border);border-radius:6px;background:var(--qli-field);color:var(--qli-fg)}
.ql-widget input[aria-invalid="true"],.ql-widget select[aria-invalid="true"]{border-color:var(--qli-down)}
.ql-widget button{font:inherit;padding:${space(6)} ${space(12)};border-radius:6px;border:1px solid var(--qli-border);background:transparent;color:var(--qli-fg);cursor:pointer}
.ql-widget button.ql-primary{background:var(--qli-accent);border-color:var(--qli-accent);color:var(--qli-accent-fg);font-weight:600}
.ql-widget button:disabled{opacity:.6;cursor:progress}
.ql-widget :focus-visible{outline:3px solid var(--qli-accent);outline-offset:2px}
.ql-visually-hidden{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.ql-field-error{font-size:12px;color:var(--qli-down);margin:4px 0 0}
`;
