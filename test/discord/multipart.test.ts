import { describe, expect, it } from 'vitest';
import { messageRequest } from '../../src/adapters/discord/multipart.js';

/** Chart replies carry the PNG as multipart bytes built once per (payload, file). */

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(3000, 7)]);
const file = { key: 'files[0]', name: 'stocks-en.png', data: png, contentType: 'image/png' };
const payload = { type: 4, data: { embeds: [{ title: 'Stocks' }], attachments: [{ id: '0' }] } };

/** Reads the bytes back the way Discord (and the fake Discord) does: as a form. */
async function readForm(request: Awaited<ReturnType<typeof messageRequest>>): Promise<FormData> {
  const headers = request.headers ?? {};
  return new Request('http://127.0.0.1/', {
    method: 'POST',
    headers: { 'content-type': headers['Content-Type'] ?? '' },
    body: request.body as Buffer,
  }).formData();
}

describe('a reply with a chart file', () => {
  it('is multipart bytes discord.js passes through: the file as files[0], the JSON as payload_json', async () => {
    const request = await messageRequest(payload, [file]);
    expect(request.passThroughBody).toBe(true);
    expect(request.files).toBeUndefined();
    expect(request.headers?.['Content-Type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await readForm(request);
    const part = form.get('files[0]');
    if (!(part instanceof Blob)) throw new Error('no file part');
    expect((part as File).name).toBe('stocks-en.png');
    expect(part.type).toBe('image/png');
    expect(Buffer.from(await part.arrayBuffer()).equals(png)).toBe(true);
    expect(JSON.parse(String(form.get('payload_json')))).toEqual(payload);
  });

  it('is built once for the same payload and file, and anew when the payload differs', async () => {
    const first = await messageRequest(payload, [file]);
    const again = await messageRequest(structuredClone(payload), [file]);
    expect(again.body).toBe(first.body);
    const ephemeral = await messageRequest({ ...payload, data: { ...payload.data, flags: 64 } }, [
      file,
    ]);
    expect(ephemeral.body).not.toBe(first.body);
    const form = await readForm(ephemeral);
    expect(JSON.parse(String(form.get('payload_json'))).data.flags).toBe(64);
  });

  it('is the same request, at once, when the same payload object is sent again (a cached reply)', async () => {
    const sent = { ...payload };
    const first = await messageRequest(sent, [file]);
    const again = messageRequest(sent, [file]);
    expect(again).not.toBeInstanceOf(Promise);
    expect(again).toBe(first);
  });

  it('is built anew for the same payload object with another file', async () => {
    const sent = { ...payload };
    const first = await messageRequest(sent, [file]);
    const otherPng = Buffer.concat([png.subarray(0, 4), Buffer.alloc(2000, 9)]);
    const other = await messageRequest(sent, [{ ...file, data: otherPng }]);
    expect(other.body).not.toBe(first.body);
    const part = (await readForm(other)).get('files[0]');
    if (!(part instanceof Blob)) throw new Error('no file part');
    expect(Buffer.from(await part.arrayBuffer()).equals(otherPng)).toBe(true);
    const renamed = await messageRequest(sent, [{ ...file, name: 'stocks-ja.png' }]);
    expect(((await readForm(renamed)).get('files[0]') as File).name).toBe('stocks-ja.png');
  });

  it('without a file is the JSON discord.js sends itself', async () => {
    expect(await messageRequest(payload, undefined)).toEqual({ body: payload });
  });
});
