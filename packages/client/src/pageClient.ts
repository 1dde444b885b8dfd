import { StreamClient, type StreamClientOptions } from './streamClient';

const KEY = Symbol.for('quoteline.streamClient');
type Holder = { [KEY]?: StreamClient };

/** The page's one StreamClient, whatever the number of widgets and bundles that ask for it. */
export function getPageStreamClient(options?: StreamClientOptions): StreamClient {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= new StreamClient(options));
}
