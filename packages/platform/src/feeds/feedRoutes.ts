import { MAX_REPLAY_BYTES } from '@quoteline/protocol';
import { adminOf, readingAdminOf } from '../admin/adminAccess';
import { readJson, readText } from '../http/readBody';
import type { Platform } from '../platform';

// Admin routes check the Origin and the admin role before reading any body.

/** `GET /api/admin/feeds`: every feed with its status, settings and live instruments. */
export async function getFeeds(platform: Platform, request: Request): Promise<Response> {
  await readingAdminOf(platform, request);
  return Response.json({ feeds: await platform.feeds.list() });
}

/** `POST /api/admin/feeds`: 201, live at once; a push feed's token is in this answer only. */
export async function postFeed(platform: Platform, request: Request): Promise<Response> {
  const admin = await adminOf(platform, request);
  return Response.json(await platform.feeds.create(admin, await readJson(request)), { status: 201 });
}

/** `PATCH /api/admin/feeds/<slug>`: rename and retune; simulator settings apply live. */
export async function patchFeed(platform: Platform, request: Request, slug: string): Promise<Response> {
  const admin = await adminOf(platform, request);
  return Response.json(await platform.feeds.update(admin, slug, await readJson(request)));
}

/** `DELETE /api/admin/feeds/<slug>[?confirm=true]`: 204; 409 `confirmation_required` while streams watch it unconfirmed. */
export async function deleteFeed(platform: Platform, request: Request, slug: string): Promise<Response> {
  const admin = await adminOf(platform, request);
  await platform.feeds.delete(admin, slug, new URL(request.url).searchParams.get('confirm') === 'true');
  return new Response(null, { status: 204 });
}

/** `POST /api/admin/feeds/<slug>/pause`: no updates while paused; orders on it get 409 `feed_paused`. */
export async function postFeedPause(platform: Platform, request: Request, slug: string): Promise<Response> {
  return Response.json(await platform.feeds.setStatus(await adminOf(platform, request), slug, 'paused'));
}

/** `POST /api/admin/feeds/<slug>/resume`. */
export async function postFeedResume(platform: Platform, request: Request, slug: string): Promise<Response> {
  return Response.json(await platform.feeds.setStatus(await adminOf(platform, request), slug, 'running'));
}

/** `POST /api/admin/feeds/<slug>/push-token`: a new push token; the old one stops working. */
export async function postFeedPushToken(platform: Platform, request: Request, slug: string): Promise<Response> {
  return Response.json(await platform.feeds.rotatePushToken(await adminOf(platform, request), slug));
}

/** `POST /api/admin/feeds/<slug>/replay?speed=&loop=` with a CSV body of at most `MAX_REPLAY_BYTES`. */
export async function postFeedReplay(platform: Platform, request: Request, slug: string): Promise<Response> {
  const admin = await adminOf(platform, request);
  const csv = await readText(request, MAX_REPLAY_BYTES);
  const search = new URL(request.url).searchParams;
  return Response.json(
    await platform.feeds.uploadReplay(admin, slug, csv, {
      speed: search.get('speed') ?? undefined,
      loop: search.get('loop') ?? undefined,
    }),
  );
}

/** `POST /api/admin/feeds/<slug>/instruments` `{"symbol","name","price"}`: 201; subscribers see an `add`. */
export async function postInstrument(platform: Platform, request: Request, slug: string): Promise<Response> {
  const admin = await adminOf(platform, request);
  return Response.json(await platform.instruments.add(admin, slug, await readJson(request)), { status: 201 });
}

/** `DELETE /api/admin/feeds/<slug>/instruments/<symbol>`: 204; subscribers see a `remove`. */
export async function deleteInstrument(
  platform: Platform,
  request: Request,
  slug: string,
  symbol: string,
): Promise<Response> {
  await platform.instruments.remove(await adminOf(platform, request), slug, symbol);
  return new Response(null, { status: 204 });
}

/**
 * `POST /api/feeds/<slug>/ticks` with `Authorization: Bearer <push token>` (server to server: no cookies, no
 * Origin check): 200 with what was accepted and rejected, 422 when no tick was good.
 */
export async function postFeedTicks(platform: Platform, request: Request, slug: string): Promise<Response> {
  const feed = await platform.pushes.authorize(slug, request.headers.get('authorization')); // before any of the body is read
  const { accepted, rejected } = platform.pushes.push(feed, await readJson(request, 256 * 1024));
  return Response.json({ accepted, rejected }, { status: accepted > 0 || rejected.length === 0 ? 200 : 422 });
}
