import { z } from 'zod';
import { candleIntervalSchema, feedSlugSchema, symbolSchema } from '@quoteline/protocol';

/** A comma list of the query string, keeping the items `item` accepts (a gallery link with one typo still shows the rest). */
const listOf = (item: z.ZodType<string>, max: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) =>
      String(v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => item.safeParse(s).success)
        .slice(0, max),
    );

/** The gallery's query: `?boards=demo,fx&tape=demo&chart=ACME,GLOBX&chartFeed=demo&interval=5m&kind=line&theme=dark`. */
export const galleryParamsSchema = z.object({
  boards: listOf(feedSlugSchema, 12),
  tape: listOf(feedSlugSchema, 4),
  chart: listOf(symbolSchema, 6),
  /** the feed whose live quotes extend the charts (their symbols belong to it) */
  chartFeed: feedSlugSchema.catch('demo').default('demo'),
  interval: candleIntervalSchema.catch('1m'),
  kind: z.enum(['candles', 'line']).catch('candles'),
  theme: z.enum(['light', 'dark']).optional().catch(undefined),
});

/** What the gallery shows. */
export type GalleryParams = z.infer<typeof galleryParamsSchema>;

/** Reads the gallery's query; boards default to `demo` unless the link asks only for tapes or charts. */
export function parseGalleryParams(search: Record<string, string | string[] | undefined>): GalleryParams {
  const params = galleryParamsSchema.parse(search);
  const onlyOthers = search.boards === undefined && (params.tape.length > 0 || params.chart.length > 0);
  return { ...params, boards: params.boards.length ? params.boards : onlyOthers ? [] : ['demo'] };
}
