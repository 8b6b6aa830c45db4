import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { ChartImages, warmCharts } from '../../src/chart/index.js';
import { digestAnswer } from '../../src/core/index.js';
import { CHARTS_PATH, chartRoute } from '../../src/http/chart-route.js';
import { story } from '../discord/helpers.js';
import { startTestHttpServer, type TestHttpServer } from '../support/http-server.js';

/**
 * A replica that never drew a chart (another one answered the command, or it restarted) still
 * serves its URL: the hash comes from the data, so drawing the story's charts finds it.
 */
describe('GET /charts/<hash>.png on a replica that has not drawn the chart yet', () => {
  let http: TestHttpServer;
  const charts = new ChartImages();
  beforeAll(async () => {
    http = await startTestHttpServer(pino({ level: 'silent' }));
    http.routes.mountPrefix(
      CHARTS_PATH,
      chartRoute(charts, () => warmCharts(charts, story, commands)),
    );
  });
  afterAll(() => http?.close());

  it('draws the story charts and serves the one asked for', async () => {
    const elsewhere = new ChartImages().imageFor(digestAnswer(story, 'ja'));
    expect(charts.renders).toBe(0);
    const res = await fetch(`${http.baseUrl}/charts/${elsewhere?.hash}.png`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(elsewhere?.png ?? Buffer.alloc(0))).toBe(
      true,
    );
    // stocks and the digest in both languages: four drawings, drawn once.
    expect(charts.renders).toBe(4);
    await fetch(`${http.baseUrl}/charts/AAAAAAAAAAAAAAAAAAAAAA.png`);
    expect(charts.renders).toBe(4);
  });
});
