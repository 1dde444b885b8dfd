/**
 * The ticker tape's own CSS on top of the widget kit's base. The strip moves
 * with a CSS animation over two copies of the list (seamless loop), pauses on
 * hover, on focus inside and by its button, and under `prefers-reduced-motion`
 * becomes a static wrapped list. Overrides of the kit's base rules use
 * `.ql-widget.ql-tape`: every widget on a page carries the base CSS in its own
 * <style>, so a later widget's copy would win over an equally specific rule.
 * The tape takes the width its cell gives it and never asks for its content's
 * (inline-size containment): in a page's grid or flex cell, a strip sized to
 * its own list would widen the cell, the list would follow, and so on.
 */
export const tickerTapeCss = `
.ql-widget.ql-tape{padding:0;overflow:hidden;contain:inline-size}
.ql-tape-bar{display:flex;align-items:stretch;min-height:40px}
.ql-tape-side{display:flex;align-items:center;gap:8px;padding:4px 10px;flex:none;border-right:1px solid var(--qli-border);background:var(--qli-head);border-radius:var(--qli-radius) 0 0 var(--qli-radius)}
.ql-tape-side .ql-paused{margin:0}
.ql-tape-side .ql-feed-status:empty{margin-left:-8px}
.ql-tape-viewport{flex:1;min-width:0;overflow:hidden;display:flex;align-items:center}
.ql-tape-track{display:flex;width:max-content}
.ql-tape[data-moving="true"] .ql-tape-track{animation:ql-tape-scroll var(--qli-tape-duration,60s) linear infinite}
.ql-tape:hover .ql-tape-track,.ql-tape:focus-within .ql-tape-track,.ql-tape[data-paused="true"] .ql-tape-track{animation-play-state:paused}
@keyframes ql-tape-scroll{from{transform:translateX(0)}to{transform:translateX(-50%)}}
.ql-tape-list{display:flex;align-items:center;justify-content:space-around;list-style:none;margin:0;padding:0;flex:none}
.ql-tape-list li{display:inline-flex;align-items:baseline;gap:6px;padding:6px 14px;white-space:nowrap;font-variant-numeric:tabular-nums;border-right:1px solid var(--qli-border)}
.ql-tape-sym{font-weight:700}
.ql-tape-move{font-size:13px}
.ql-widget .ql-tape-toggle{padding:2px 8px;font-size:12px}
.ql-tape-skeleton li{padding:6px 14px}
@media (prefers-reduced-motion: reduce){
.ql-tape[data-moving] .ql-tape-track{animation:none;width:auto;flex-wrap:wrap}
.ql-tape .ql-tape-viewport{overflow:visible}
.ql-tape .ql-tape-list{flex-wrap:wrap;justify-content:flex-start;flex:1 1 auto;min-width:0!important}
.ql-tape .ql-tape-copy,.ql-widget .ql-tape-toggle{display:none}
}
`;
