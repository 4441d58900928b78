import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../test/scan-text.js';

describe('bpjs-sep', () => {
  it.each([
    ['No.SEP : 0301R0011117V000008', '0301R0011117V000008', 'high', ['no sep']],
    ['1828r0011221v000001', '1828R0011221V000001', 'high', []],
    ['no_sep;0905R0031020V000397', '0905R0031020V000397', 'high', ['no sep']],
    ['SURAT ELEGIBILITAS PESERTA\nRSUD CONTOH\n\nNo. SEP  0301R0110725V000006', '0301R0110725V000006', 'high', ['no sep', 'surat elegibilitas peserta']],
    ['030107010217V001465', '030107010217V001465', 'high', []],
  ])('finds %j', async (text, value, confidence, context) => {
    const found = await findingsOf('bpjs-sep', text);
    expect(found.map((f) => [f.value, f.masked, f.pattern, f.confidence, f.validation, f.context])).toEqual([
      [value, `${value.slice(0, 8)}*********${value.slice(-2)}`, 'sep-19-chars', confidence, 'valid', context],
    ]);
  });

  it.each([
    ['0301R0011317V000008'],
    ['0301R0010017V000008'],
    ['0301R0110520K000013'],
    ['0301R0011117V00000'],
    ['0301R0011117V0000081'],
    ['X0301R0011117V000008'],
    ['0301R001111V7000008'],
  ])('ignores %j', async (text) => {
    expect(await findingsOf('bpjs-sep', text)).toEqual([]);
  });
});
