import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../test/scan-text.js';

describe('phone-id', () => {
  it.each([
    ['HP: 0812-3456-7890', '+6281234567890', 'mobile-number', 'high', ['hp']],
    ['0812 3456 7890', '+6281234567890', 'mobile-number', 'medium', []],
    ['+62 813 1234 5678', '+6281312345678', 'mobile-number', 'medium', []],
    ['HP 628571234567', '+628571234567', 'mobile-number', 'high', ['hp']],
    ['HP/WA: (+62) 812 3456 7890', '+6281234567890', 'mobile-number', 'high', ['hp/wa']],
    ['No. Telp : (0271) 634 634', '+62271634634', 'landline-area-code-in-parentheses', 'medium', ['no telp']],
    ['Telp. Rumah: (021) 5551234', '+62215551234', 'landline-area-code-in-parentheses', 'medium', ['telp']],
    ['No. Telp: 0281-6570004', '+622816570004', 'landline-with-label', 'medium', ['no telp']],
  ])('finds %j', async (text, value, pattern, confidence, context) => {
    const found = await findingsOf('phone-id', text);
    expect(found.map((f) => [f.value, f.pattern, f.confidence, f.context])).toEqual([[value, pattern, confidence, context]]);
    expect(found[0]!.masked).toBe(`${value.slice(0, 6)}${'*'.repeat(value.length - 9)}${value.slice(-3)}`);
  });

  it('takes a text-table column header as the label of every row', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => `| PASIEN ${i} | ${'6281234567' + String(i).padStart(3, '0')} | (0271) 63463${i} |`).join('\n');
    const found = await findingsOf('phone-id', `| Nama | No. HP | Telp Rumah |\n|---|---|---|\n${rows}\n`);
    expect(found.map((f) => f.value)).toEqual(Array.from({ length: 6 }, (_, i) => [`+6281234567${String(i).padStart(3, '0')}`, `+6227163463${i}`]).flat());
  });

  it('reads a label only in its own cell: an address column ending in `Jl. …` does not make the next phone public', async () => {
    const csv = 'alamat,no_tlp,catatan\n"Jl. Raya Bogor No. 4, Kab. Gianyar",087713940256,kontrol\nJl. Merdeka 1,081214857086,Telp RS 0271 634634\n';
    const found = await findingsOf('phone-id', csv, 'export.csv');
    expect(found.map((f) => [f.value, f.confidence, f.context])).toEqual([
      ['+6287713940256', 'high', ['no_tlp']],
      ['+6281214857086', 'high', ['no_tlp']],
    ]);
  });

  it.each([
    ['0274 512345'],
    ['batch=6285295888744 took=12ms'],
    ['(0271) 634 634'],
    ['08001234567'],
    ['Fax 021 5551234'],
    ['1234567890'],
    ['RSUD Kota Contoh, Jl. Slamet Riyadi No. 1, Telp. (0271) 634634'],
    ['Jl. Slamet Riyadi No. 1 Surakarta Telp. (0271) 634634 Fax. (0271) 634635'],
    ['RUMAH SAKIT UMUM DAERAH CONTOH\nTelp. (0271) 634634'],
    ['Call Center: 0811-2345-6789'],
    ['Informasi & pengaduan: (021) 500567'],
    ['No. Kartu: 0001234567890'],
  ])('ignores %j', async (text) => {
    expect(await findingsOf('phone-id', text)).toEqual([]);
  });
});
