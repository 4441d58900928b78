import { describe, expect, it } from 'vitest';
import { decodeValue, resolveCharset } from './charset.js';

describe('Specific Character Set', () => {
  it.each([
    [undefined, 'latin1', 'default'],
    ['ISO_IR 100', 'latin1', 'ISO_IR 100'],
    ['ISO_IR 192', 'utf-8', 'ISO_IR 192'],
    ['ISO_IR 144', 'iso-8859-5', 'ISO_IR 144'],
    ['GB18030', 'gb18030', 'GB18030'],
    ['\\ISO 2022 IR 87', 'iso-2022-jp', '\\ISO 2022 IR 87'],
    ['ISO 2022 IR 6\\ISO 2022 IR 149', 'euc-kr', 'ISO 2022 IR 6\\ISO 2022 IR 149'],
  ])('%s decodes as %s', (value, encoding, declared) => {
    expect([resolveCharset(value).encoding, resolveCharset(value).declared]).toEqual([encoding, declared]);
  });

  it('marks an unknown set and falls back to Latin-1', () => {
    expect(resolveCharset('ISO_IR 999')).toEqual({ encoding: 'latin1', unknown: true, declared: 'ISO_IR 999' });
  });

  it.each([
    ['PN', 'ISO_IR 192', Buffer.from('SITI^AMINAH №', 'utf8'), 'SITI^AMINAH №'],
    ['PN', 'ISO_IR 100', Buffer.from('RENÉ^HALIM', 'latin1'), 'RENÉ^HALIM'],
    // Only SH/LO/ST/LT/UC/UT/PN use the declared set; CS stays in the default repertoire.
    ['CS', 'ISO_IR 192', Buffer.from([0x59, 0x45, 0x53]), 'YES'],
    ['PN', 'GB18030', Buffer.from([0xd5, 0xc5]), '张'],
  ])('%s in %s', (vr, set, bytes, text) => {
    expect(decodeValue(bytes, vr, resolveCharset(set))).toBe(text);
  });
});
