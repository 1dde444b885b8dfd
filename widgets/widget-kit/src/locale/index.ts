export * from './formatters';
export * from './messages';
export * from './resolveLocale';
export * from './widgetLocale';
