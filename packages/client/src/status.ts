/** Where the page's one stream is: the UI shows these in words, never as a bare colour. */
export type ConnectionStatus = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'offline';

/** Words a person understands for each status. */
export const STATUS_TEXT: Readonly<Record<ConnectionStatus, string>> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline: waiting for the network',
};
