'use client';
import { useFeeds } from './adminApi';

/**
 * "On this page": the console grows one card per feed, so the create form, the
 * keys, the audit log and each feed are one link away (keyboard and
 * screen-reader users get a landmark instead of a long tab through every card).
 */
export function ConsoleNav() {
  // The feeds list's own query (react-query shares it): no extra request.
  const { data } = useFeeds();
  return (
    <nav className="admin-nav" aria-label="On this page">
      <ul>
        <li>
          <a href="#feeds-title">Feeds</a>
          {data && data.feeds.length > 0 && (
            <ul aria-label="Feeds">
              {data.feeds.map((f) => (
                <li key={f.slug}>
                  <a href={`#feed-${f.slug}`}>{f.slug}</a>
                  {f.status === 'paused' && <span className="muted"> (paused)</span>}
                </li>
              ))}
            </ul>
          )}
        </li>
        <li>
          <a href="#new-feed-title">Create a feed</a>
        </li>
        <li>
          <a href="#keys-title">Embed keys</a>
        </li>
        <li>
          <a href="#audit-title">Audit log</a>
        </li>
        <li>
          <a href="#connections-title">Live connections</a>
        </li>
      </ul>
    </nav>
  );
}
