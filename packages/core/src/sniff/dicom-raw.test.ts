import { describe, expect, it } from 'vitest';
import { rawDicomLayout } from './dicom-raw.js';

/** Two elements, little or big endian, explicit or implicit VR. */
function dataSet(explicit: boolean, big: boolean, first = 0x0008): Buffer {
  const element = (group: number, number: number, vr: string, value: string) => {
    const head = Buffer.alloc(explicit ? 8 : 8);
    const u16 = (n: number, at: number) => (big ? head.writeUInt16BE(n, at) : head.writeUInt16LE(n, at));
    u16(group, 0);
    u16(number, 2);
    if (explicit) {
      head.write(vr, 4, 'latin1');
      u16(value.length, 6);
    } else big ? head.writeUInt32BE(value.length, 4) : head.writeUInt32LE(value.length, 4);
    return Buffer.concat([head, Buffer.from(value, 'latin1')]);
  };
  return Buffer.concat([element(first, 0x0005, 'CS', 'ISO_IR 100'), element(0x0010, 0x0010, 'PN', 'SITI^AMINAH ')]);
}

describe('raw DICOM data sets (no preamble)', () => {
  it.each([
    [true, false, 'explicit-le'],
    [false, false, 'implicit-le'],
    [true, true, 'explicit-be'],
  ] as const)('explicit %s, big endian %s: %s', (explicit, big, layout) => expect(rawDicomLayout(dataSet(explicit, big))).toBe(layout));

  it.each([
    ['text', Buffer.from('Nama: SITI AMINAH\nNIK: 3171011708450001\n')],
    ['zeros', Buffer.alloc(64)],
    ['a group no data set starts with', dataSet(true, false, 0x0032)],
    ['too short', Buffer.from([8, 0, 5, 0])],
  ])('%s is not DICOM', (_name, bytes) => expect(rawDicomLayout(bytes)).toBeUndefined());
});
