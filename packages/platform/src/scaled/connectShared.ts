import {
  closeRedis,
  connectRedis,
  FenceRejectedError,
  ProducerLease,
  RedisFailureThrottle,
  RedisStreamLog,
  RedisSubscriptionControl,
} from '@quoteline/redis';
import type { StreamHub } from '@quoteline/stream';
import type { StreamPrincipal } from '../stream/streamPrincipal';
import type { PlatformConfig } from '../config';
import type { ProducerRole } from './producerRole';
import type { Announcement, SharedParts } from './sharedParts';

const ANNOUNCEMENTS = 'quoteline:announcements';

/**
 * Connects the parts several instances share through Redis: the Redis Streams
 * log, the producer lease (its fence guards every market append while this
 * instance produces), routed subscription changes, and a pub/sub channel of
 * announcements (a feed changed in the database, a session ended).
 */
export async function connectShared(config: PlatformConfig): Promise<SharedParts> {
  const url = config.redisUrl!;
  const name = config.instance;
  const log = await RedisStreamLog.open({ url, name, maxLen: config.sharedLogRetention });
  const publisher = connectRedis({ url, name: `${name}:feeds` });
  const subscriber = connectRedis({ url, name: `${name}:feeds-sub` });
  const throttles = RedisFailureThrottle.connect(url, name);
  const listeners = new Set<{ kind: Announcement; listener: (value: string) => void }>();
  subscriber.on('message', (_channel: string, message: string) => {
    let announcement: { kind: Announcement; value: string; from: string };
    try {
      announcement = JSON.parse(message) as typeof announcement;
    } catch {
      return console.error('quoteline: ignored a malformed announcement');
    }
    if (announcement.from === name) return;
    for (const l of listeners) if (l.kind === announcement.kind) l.listener(announcement.value);
  });
  await subscriber.subscribe(ANNOUNCEMENTS);

  const roleListeners = new Set<(active: boolean) => void>();
  const tell = (active: boolean) => {
    for (const listener of roleListeners) listener(active);
  };
  const lease = new ProducerLease({ url, name, onAcquired: () => tell(true), onLost: () => tell(false) });
  const role: ProducerRole = {
    get active() {
      return lease.held;
    },
    onChange(listener) {
      roleListeners.add(listener);
      return () => roleListeners.delete(listener);
    },
    stop: () => lease.release(),
  };
  lease.start();

  let control: RedisSubscriptionControl | null = null;
  let fencedReported = false;
  return {
    log,
    role,
    async appendMarket(input) {
      const fence = lease.fence;
      try {
        return await log.append(input, fence ? { fence } : {});
      } catch (error) {
        // An old producer's append after the lease moved on: dropped by design.
        if (error instanceof FenceRejectedError) {
          if (!fencedReported)
            console.warn(`quoteline: ${name} is no longer the producer; its market events are refused`);
          fencedReported = true;
          return null;
        }
        throw error;
      }
    },
    async control(hub: StreamHub<StreamPrincipal>) {
      control = await RedisSubscriptionControl.open({ url, hub, instance: name });
      return control;
    },
    async announce(kind, value) {
      await publisher.publish(ANNOUNCEMENTS, JSON.stringify({ kind, value, from: name }));
    },
    onAnnouncement(kind, listener) {
      const entry = { kind, listener };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    failureCounter: (counter, limits) =>
      new RedisFailureThrottle(throttles, { ...limits, prefix: `quoteline:signin:${counter}` }),
    healthy: () => log.connected,
    async close() {
      await control?.close();
      await Promise.all([closeRedis(publisher), closeRedis(subscriber), closeRedis(throttles)]);
    },
  };
}
