export * from './eventLog';
export * from './ringLog';
export * from './topicViews';
export * from './connection';
export * from './hub';
export * from './nodeResponse';
export * from './control';
export * from './connectionStats';
