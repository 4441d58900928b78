import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ImageDecodeError, imageSize, openImage } from './images.js';

const require = createRequire(import.meta.url);
const { PNG } = require('pngjs') as typeof import('pngjs');
const jpeg = require('jpeg-js') as typeof import('jpeg-js');
const UTIF = require('utif2') as typeof import('utif2');

const scans = new URL('../../../../fixtures/scans/', import.meta.url);
/** The strips are 760 × 170 pixels (scripts/fixtures/scans.mjs). */
const strip = (name: string) => new Uint8Array(readFileSync(new URL(name, scans)));

function rgba(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 4).fill(255);
  data[0] = 0;
  return data;
}

function png(width: number, height: number): Uint8Array {
  const image = new PNG({ width, height });
  image.data = Buffer.from(rgba(width, height));
  return PNG.sync.write(image);
}

describe('imageSize reads the header only', () => {
  it.each([
    ['png', 'strip.png'],
    ['jpeg', 'strip.jpg'],
    ['bmp', 'strip.bmp'],
    ['gif', 'strip.gif'],
    ['webp', 'strip.webp'],
  ])('%s', (format, file) => {
    expect(imageSize(format, strip(file))).toEqual({ width: 760, height: 170 });
  });

  it('throws a clear error on a cut header', () => {
    expect(() => imageSize('png', new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toThrow(ImageDecodeError);
  });
});

describe('openImage', () => {
  it.each([
    ['png', png(40, 30), 'pixels'],
    ['jpeg', new Uint8Array(jpeg.encode({ data: Buffer.from(rgba(40, 30)), width: 40, height: 30 }, 90).data), 'pixels'],
    ['tiff', new Uint8Array(UTIF.encodeImage(rgba(40, 30), 40, 30)), 'pixels'],
    ['bmp', strip('strip.bmp'), 'encoded'],
    ['gif', strip('strip.gif'), 'encoded'],
    ['webp', strip('strip.webp'), 'encoded'],
  ])('%s decodes to %s', (format, bytes, kind) => {
    const file = openImage(format, bytes, 1e8);
    expect(file.pageCount).toBe(1);
    const pages = [...file.pages()];
    expect(pages).toHaveLength(1);
    const page = pages[0]!;
    expect('image' in page && page.image.kind).toBe(kind);
    if ('image' in page && page.image.kind === 'pixels') {
      expect([page.image.width, page.image.height, page.image.data.length]).toEqual([40, 30, 40 * 30 * 4]);
    }
  });

  it('refuses a pixel bomb before decoding it', () => {
    // A valid PNG signature and IHDR claiming 100 000 × 100 000 pixels, and no data.
    const bomb = png(1, 1);
    new DataView(bomb.buffer, bomb.byteOffset).setUint32(16, 100_000);
    new DataView(bomb.buffer, bomb.byteOffset).setUint32(20, 100_000);
    expect([...openImage('png', bomb, 50_000_000).pages()]).toEqual([{ tooLarge: { width: 100_000, height: 100_000 } }]);
  });

  it.each([
    ['a directory chain that loops', (t: DataView) => t.setUint32(8 + 2 + 9 * 12, 8, true)],
    ['a field claiming four billion values', (t: DataView) => t.setUint32(8 + 2 + 12 * 5 + 4, 0xffffffff, true)],
    ['a directory outside the file', (t: DataView) => t.setUint32(4, 0x7fffffff, true)],
  ])('a TIFF with %s is refused before utif2 reads it', (_, damage) => {
    const tiff = strip('strip.tif').slice();
    damage(new DataView(tiff.buffer));
    expect(() => openImage('tiff', tiff, 1e8)).toThrow(ImageDecodeError);
  });

  it.each([
    ['png', png(20, 20).subarray(0, 60)],
    ['jpeg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 10, 0, 10, 1, 1, 0x11, 0])],
    ['tiff', new Uint8Array([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 0xff, 0xff])],
  ])('a damaged %s is an ImageDecodeError, not a crash', (format, bytes) => {
    expect(() => [...openImage(format, bytes, 1e8).pages()]).toThrow(ImageDecodeError);
  });
});
