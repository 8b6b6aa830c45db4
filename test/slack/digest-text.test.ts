import { describe, expect, it } from 'vitest';
import { parseDigestText } from '../../src/adapters/slack/digest/text.js';

describe('parseDigestText', () => {
  it('leaves everything that is not a digest command to the story parser', () => {
    for (const text of ['', 'stocks', 'ask what is a digest?', 'digests', 'summary lang:ja']) {
      expect(parseDigestText(text, 'en'), text).toBeUndefined();
    }
  });

  it('reads presets and five cron fields, with tz: and lang: anywhere', () => {
    expect(parseDigestText('digest subscribe daily', 'en')).toEqual({
      kind: 'subscribe',
      lang: 'en',
      args: { schedule: 'daily', timezone: undefined, digestLang: undefined },
    });
    expect(
      parseDigestText('/sakura DIGEST Subscribe tz:America/New_York 30 8 * * 1-5 lang:JA', 'en'),
    ).toEqual({
      kind: 'subscribe',
      lang: 'ja',
      args: { schedule: '30 8 * * 1-5', timezone: 'America/New_York', digestLang: 'ja' },
    });
    expect(parseDigestText('digest subscribe weekly timezone=Europe/London', 'ja')).toMatchObject({
      lang: 'ja',
      args: { schedule: 'weekly', timezone: 'Europe/London', digestLang: undefined },
    });
  });

  it('reads the other subcommands, and full-width input', () => {
    expect(parseDigestText('digest list', 'en')).toEqual({ kind: 'list', lang: 'en' });
    expect(parseDigestText('digest preview lang:ja', 'en')).toEqual({
      kind: 'preview',
      lang: 'ja',
    });
    expect(parseDigestText('ｄｉｇｅｓｔ　ｕｎｓｕｂｓｃｒｉｂｅ', 'en')).toEqual({
      kind: 'unsubscribe',
      lang: 'en',
    });
  });

  it('answers anything else with the usage', () => {
    for (const text of [
      'digest',
      'digest subscribe',
      'digest subscribe daily tz:',
      'digest help',
      'digest list all',
      'digest unsubscribe tz:Asia/Tokyo',
    ]) {
      expect(parseDigestText(text, 'en'), text).toEqual({ kind: 'usage', lang: 'en' });
    }
    expect(parseDigestText('digest list lang:fr', 'ja')).toEqual({
      kind: 'usage',
      lang: 'ja',
      problem: 'error.badLang',
    });
  });
});
