/** The quote board's own CSS on top of the widget kit's base (tokens, tables, status). */
export const quoteBoardCss = `
.ql-board tbody th{font-size:14px}
.ql-board .ql-sort{all:unset;cursor:pointer;font:inherit;color:inherit;text-transform:inherit;letter-spacing:inherit}
.ql-board .ql-sort:focus-visible{outline:3px solid var(--qli-accent);outline-offset:2px}
.ql-board td.ql-name{color:var(--qli-muted);max-width:16em;overflow:hidden;text-overflow:ellipsis}
.ql-flash-up{animation:ql-flash-up .8s ease-out}.ql-flash-down{animation:ql-flash-down .8s ease-out}
@keyframes ql-flash-up{from{background:var(--qli-flash-up)}to{background:transparent}}
@keyframes ql-flash-down{from{background:var(--qli-flash-down)}to{background:transparent}}
@container (max-width: 679px){.ql-board .ql-minor{display:none}}
@media (prefers-reduced-motion: reduce){.ql-flash-up,.ql-flash-down{animation:none}}
`;
