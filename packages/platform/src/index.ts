// The public entry of @quoteline/platform: what the app's route handlers call
// (one routes file per feature), and how the app configures and starts it.

// Configuration and the running platform
export * from './config';
export * from './platform';
export * from './runtime';
export { addressRangeSchema } from './network/proxyTrust';
export { listeningOrigins, originSchema } from './network/publicOrigins';

// Request handling shared by every route
export * from './http/handle';
export { answer, handleNode, headOf } from './http/nodeHttp';
export * from './http/readBody';

// Routes, by feature
export * from './sessions/sessionRoutes';
export * from './orders/orderRoutes';
export * from './feeds/feedRoutes';
export * from './feeds/instrumentSearchRoutes';
export * from './stream/streamRoutes';
export * from './embed/embedRoutes';
export * from './embed/embedAssets';
export * from './candles/candleRoutes';
export * from './admin/auditRoutes';
export * from './health/healthRoutes';
export * from './testHooks/testClockRoutes';
export * from './testHooks/noopRoutes';

// Types route handlers and the app may name
export type { Principal } from './sessions/principal';
export type { Admin } from './admin/adminAccess';
export type { EmbedGrant } from './embed/embedKeys';
export type { StreamPrincipal, EmbedPrincipal } from './stream/streamPrincipal';
