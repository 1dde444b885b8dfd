import { WidgetGallery } from './WidgetGallery';
import { parseGalleryParams } from './galleryParams';

export const dynamic = 'force-dynamic';

/** A page of several widgets sharing the browser's one stream: `?boards=demo,demo&tape=demo&chart=ACME` picks them. */
export default async function WidgetsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = parseGalleryParams(await searchParams);
  return (
    <main className="page">
      <header className="page-header">
        <h1>Widget gallery</h1>
        <p>Every widget on this page, and on every other Quoteline tab, shares one stream.</p>
      </header>
      <WidgetGallery
        initialFeeds={params.boards}
        tapes={params.tape}
        charts={params.chart}
        chartFeed={params.chartFeed}
        interval={params.interval}
        kind={params.kind}
        theme={params.theme}
      />
    </main>
  );
}
