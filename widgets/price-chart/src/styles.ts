/** The price chart's own CSS on top of the widget kit's base (tokens, header, status). */
export const priceChartCss = `
.ql-chart-body{position:relative;height:300px}
.ql-chart-canvas{position:absolute;inset:0;border-radius:4px}
.ql-chart-skeleton{position:absolute;inset:0;border-radius:4px;background:var(--qli-skeleton);animation:ql-chart-pulse 1.6s ease-in-out infinite}
@keyframes ql-chart-pulse{50%{opacity:.55}}
@media (prefers-reduced-motion: reduce){.ql-chart-skeleton{animation:none}}
.ql-chart-error{position:absolute;inset:0;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:10px;text-align:center;background:var(--qli-bg);padding:16px}
.ql-chart-error p{margin:0;color:var(--qli-fg)}
.ql-chart-sub{color:var(--qli-muted);font-size:13px;font-weight:400;margin-left:6px}
`;
