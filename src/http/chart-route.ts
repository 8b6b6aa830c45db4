import type { ChartImages } from '../chart/index.js';
import type { RouteHandler } from './routes.js';

/** Chart PNGs are served under this prefix: `/charts/<hash>.png`. */
export const CHARTS_PATH = '/charts/';

const CHART_FILE = /^\/charts\/([A-Za-z0-9_-]{22})\.png$/;

/** A year, the longest caching HTTP asks caches to honour; the content never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * `GET /charts/<hash>.png`: a chart image by its content hash, for Slack's image blocks in HTTP
 * mode. The hash covers everything drawn (ADR 009), so a URL always means the same picture and
 * is cached for good. An unknown hash is looked for again after `warm` has drawn the charts the
 * current story can show: a replica that has not drawn it yet (behind a load balancer, or after
 * a restart) finds the same hash from the same data. Anything else is a 404 nobody caches.
 */
export function chartRoute(charts: ChartImages, warm: () => void): RouteHandler {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const hash = CHART_FILE.exec(path)?.[1];
    let image = hash ? charts.get(hash) : undefined;
    if (hash && !image) {
      warm();
      image = charts.get(hash);
    }
    if (!image) {
      res.writeHead(404, { 'cache-control': 'no-store' }).end();
      return;
    }
    const etag = `"${image.hash}"`;
    const headers = { 'cache-control': IMMUTABLE, etag };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, {
      ...headers,
      'content-type': 'image/png',
      'content-length': image.png.length,
      'x-content-type-options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : image.png);
  };
}
