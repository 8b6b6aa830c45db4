/** What main needs for the process's HTTP server: health, readiness, metrics, mounted routes. */
export { CountingPoster } from './counting-poster.js';
export { databaseReadiness } from './database-check.js';
export { BotMetrics } from './metrics.js';
export type { ReadinessCheck } from './readiness.js';
export { HttpRoutes } from './routes.js';
export { BotHttpServer } from './server.js';
