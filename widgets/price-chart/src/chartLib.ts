// The only parts of lightweight-charts the chart uses. Named re-exports (not
// the whole namespace) let the bundler drop the other series types and the
// plugins, which are about 8 KB gzipped of the library's 63 KB.
export { CandlestickSeries, ColorType, createChart, LineSeries, TickMarkType } from 'lightweight-charts';
