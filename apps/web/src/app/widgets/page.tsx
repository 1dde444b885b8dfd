import { feedSlugSchema } from '@quoteline/protocol';
import { WidgetGallery } from './WidgetGallery';

export const dynamic = 'force-dynamic';

/** A page of several widgets sharing the browser's one stream: `?boards=demo,demo` picks the feeds. */
export default async function WidgetsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { boards } = await searchParams;
  const feeds = String(boards ?? 'demo')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => feedSlugSchema.safeParse(s).success)
    .slice(0, 12);
  return (
    <main className="page">
      <header className="page-header">
        <h1>Widget gallery</h1>
        <p>Every widget on this page, and on every other Quoteline tab, shares one stream.</p>
      </header>
      <WidgetGallery initialFeeds={feeds.length ? feeds : ['demo']} />
    </main>
  );
}
