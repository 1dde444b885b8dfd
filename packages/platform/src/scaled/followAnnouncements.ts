import type { SharedParts } from './sharedParts';

/** What this instance does when another one announces something. */
export interface AnnouncementHandlers {
  /** A feed changed in the database: bring this instance's copy in line. */
  feed(slug: string): Promise<void>;
  /** A session signed out: take its private topics off this instance's streams. */
  signout(sessionId: string): void;
}

/** Acts on what other instances announce (scaled only). Returns the unsubscribe. */
export function followAnnouncements(shared: Pick<SharedParts, 'onAnnouncement'>, on: AnnouncementHandlers): () => void {
  const unwatchFeeds = shared.onAnnouncement(
    'feed',
    (slug) => void on.feed(slug).catch((error) => console.error(`quoteline: syncing feed ${slug} failed`, error)),
  );
  const unwatchSignOuts = shared.onAnnouncement('signout', (sessionId) => on.signout(sessionId));
  return () => {
    unwatchFeeds();
    unwatchSignOuts();
  };
}
