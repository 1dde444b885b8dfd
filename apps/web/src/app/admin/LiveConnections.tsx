'use client';
import type { StatsEvent } from '@quoteline/protocol';
import { statsTotals } from '@quoteline/client';
import { useConnectionStats, useSession } from '@quoteline/client/react';
import { formatBytes } from '@quoteline/widget-kit';
import { ConsoleTable } from './ConsoleTable';
import styles from './LiveConnections.module.css';

const count = new Intl.NumberFormat('en-GB');
const rate = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/**
 * Open streams of every app instance, live from the admin-only
 * `admin:connections` topic on this page's one stream (each instance samples
 * itself every second; nothing here polls). Renders nothing for non-admins.
 */
export function LiveConnections() {
  const user = useSession();
  if (user?.role !== 'admin') return null;
  return <Panel />;
}

function Panel() {
  const { phase, instances } = useConnectionStats();
  const totals = statsTotals(instances);
  return (
    <section className="admin-section" aria-labelledby="connections-title" data-testid="live-connections">
      <h2 id="connections-title">Live connections</h2>
      <p className="muted">
        Sampled every second by each app instance and delivered on the <code>admin:connections</code> topic of this
        page&apos;s stream. An instance silent for a few seconds drops out. <em>Conflated</em>: price updates superseded
        while a stream was backed up; <em>dropped</em>: frames discarded with streams cut off as too slow (they resume
        from their last event id). Totals since each instance started.
      </p>
      {phase === 'connecting' ? (
        <p className="muted" role="status">
          Connecting to the live statistics…
        </p>
      ) : phase === 'waiting' ? (
        <p className="muted" role="status">
          Waiting for the first sample from an app instance…
        </p>
      ) : (
        <>
          <p className={styles.summary}>
            {instances.length === 1 ? '1 instance' : `${instances.length} instances`} · {count.format(totals.streams)}{' '}
            open {totals.streams === 1 ? 'stream' : 'streams'} · {rate.format(totals.eventsPerSecond)} events/s ·{' '}
            {formatBytes(totals.bytesPerSecond)}/s
          </p>
          {instances.map((sample) => (
            <Instance key={sample.instance} sample={sample} />
          ))}
        </>
      )}
    </section>
  );
}

function Instance({ sample }: { sample: StatsEvent }) {
  const id = `instance-${sample.instance.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const figures: [string, string, string][] = [
    ['Open streams', count.format(sample.streams), 'streams'],
    ['Events/s', rate.format(sample.eventsPerSecond), 'events'],
    ['Bytes/s', `${formatBytes(sample.bytesPerSecond)}/s`, 'bytes'],
    ['Conflated', count.format(sample.conflated), 'conflated'],
    ['Dropped', count.format(sample.dropped), 'dropped'],
    ['Slow streams cut', count.format(sample.slowConsumers), 'cut'],
    ['Opened since start', count.format(sample.opened), 'opened'],
  ];
  return (
    <article className={`admin-card ${styles.instance}`} aria-labelledby={id} data-instance={sample.instance}>
      <h3 id={id}>
        Instance <code>{sample.instance}</code>
      </h3>
      <dl className={styles.figures}>
        {figures.map(([label, value, key]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd data-testid={`stat-${key}`}>{value}</dd>
          </div>
        ))}
      </dl>
      <div className={styles.tables}>
        <ConsoleTable
          caption={
            <>
              Streams per topic
              {sample.topicCount > sample.topics.length && (
                <span className="muted">
                  {' '}
                  (top {sample.topics.length} of {sample.topicCount})
                </span>
              )}
            </>
          }
          columns={['Topic', { label: 'Streams', className: styles.num }]}
          empty={sample.topics.length === 0 && 'No topic has a stream.'}
        >
          {sample.topics.map((t) => (
            <tr key={t.topic}>
              <IdHeader>{t.topic}</IdHeader>
              <td className={styles.num}>{count.format(t.streams)}</td>
            </tr>
          ))}
        </ConsoleTable>
        <ConsoleTable
          caption="Slowest consumers (most unsent bytes)"
          columns={[
            'Connection',
            'Opened by',
            { label: 'Topics', className: styles.num },
            { label: 'Pending', className: styles.num },
            { label: 'Waiting', className: styles.num },
          ]}
          empty={sample.slowest.length === 0 && 'No open streams.'}
        >
          {sample.slowest.map((c) => (
            <tr key={c.connectionId}>
              <IdHeader>{c.connectionId}</IdHeader>
              <td>{c.principal}</td>
              <td className={styles.num}>{c.topics}</td>
              <td className={styles.num}>{formatBytes(c.pendingBytes)}</td>
              <td className={styles.num}>{c.lagMs === 0 ? '—' : `${count.format(c.lagMs)} ms`}</td>
            </tr>
          ))}
        </ConsoleTable>
      </div>
    </article>
  );
}

/** A row's header cell naming it by an id (a topic, a connection), in code type. */
function IdHeader({ children }: { children: string }) {
  return (
    <th scope="row">
      <code>{children}</code>
    </th>
  );
}
