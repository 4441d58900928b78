import { describe, expect, it } from 'vitest';
import { cfb, zip } from '../../../scripts/fixtures/archive-writers.mjs';
import { allDetectors } from '../../detectors/src/index.js';
import { scanBuffer } from '../src/index.js';
import { directoryNames } from '../src/extract/ole2.js';
import { KEY } from './archives-office-helpers.js';

async function reportOf(data: Uint8Array, filename: string) {
  const { files } = await scanBuffer(Buffer.from(data), { detectors: allDetectors, filename, fingerprintKey: KEY, scanFileNames: false });
  return files.map((f) => ({ path: f.path, format: f.format, status: f.status, reason: f.reason, message: f.reasonMessage, issues: f.issues.map((i) => i.code) }));
}

const ENCRYPTED = cfb([{ name: 'EncryptionInfo', data: 'info' }, { name: 'EncryptedPackage', data: new Uint8Array(9000).fill(0x5a) }]);

describe('OLE2 compound files', () => {
  it.each([
    ['rujukan.doc', [{ name: 'WordDocument', data: 'x' }, { name: '1Table', data: '' }], 'Word 97–2003 document (.doc)', 'Save it as .docx'],
    ['pasien.xls', [{ name: 'Workbook', data: 'x' }], 'Excel 97–2003 workbook (.xls)', 'Save it as .xlsx'],
    ['lama.xls', [{ name: 'Book', data: 'x' }], 'Excel 97–2003 workbook (.xls)', 'Save it as .xlsx'],
    ['slide.ppt', [{ name: 'PowerPoint Document', data: 'x' }, { name: 'Current User', data: 'x' }], 'PowerPoint 97–2003 presentation (.ppt)', 'Save it as .pptx'],
    ['hasil.msg', [{ name: '__properties_version1.0', data: 'x' }, { name: '__substg1.0_0037001F', data: 'x' }], 'Outlook message (.msg)', 'attachments as files'],
    ['apa.bin', [{ name: 'Contents', data: 'x' }], 'Legacy Office (.doc/.xls)', 'Save it as .docx/.xlsx'],
  ])('%s is recognised from its directory and skipped with what to do', async (name, streams, what, hint) => {
    const [report] = await reportOf(cfb(streams), name);
    expect([report!.format, report!.status, report!.reason]).toEqual(['ole2', 'skipped', 'unsupported-format']);
    expect(report!.message).toContain(what);
    expect(report!.message).toContain(hint);
  });

  it.each(['gaji.xlsx', 'surat.docx', 'paparan.pptx'])('a password-protected %s is incomplete (encrypted), not a mismatched extension', async (name) => {
    const [report] = await reportOf(ENCRYPTED, name);
    expect(report).toMatchObject({ format: 'ole2', status: 'incomplete', reason: 'encrypted', issues: ['encrypted'] }); // no `corrupt`: the extension fits
    expect(report!.message).toMatch(/^Password-protected Office document/);
  });

  it('reads the directory of a member without random access (inside a ZIP)', async () => {
    const reports = await reportOf(zip([{ name: 'arsip/gaji.xlsx', data: ENCRYPTED }]), 'kiriman.zip');
    // The member is not clean; the archive itself was read whole.
    expect(reports.map((r) => [r.path, r.status, r.reason])).toEqual([
      ['kiriman.zip!arsip/gaji.xlsx', 'incomplete', 'encrypted'],
      ['kiriman.zip', 'scanned', undefined],
    ]);
  });

  it('survives a damaged directory: a chain that loops, or a file cut short, is legacy Office of unknown kind', async () => {
    const looped = Uint8Array.from(ENCRYPTED);
    new DataView(looped.buffer).setUint32(512 + 4, 1, true); // the directory sector's FAT entry points to itself
    const cut = ENCRYPTED.subarray(0, 700);
    for (const data of [looped, cut]) {
      const [report] = await reportOf(data, 'rusak.xlsx');
      expect([report!.status, report!.reason]).toEqual(['skipped', 'unsupported-format']);
      expect(report!.message).toContain('Legacy Office');
    }
  });

  it('lists the directory of a source that can only be streamed', async () => {
    const source = { size: ENCRYPTED.byteLength, head: ENCRYPTED.subarray(0, 4096), async *chunks() { for (let at = 0; at < ENCRYPTED.byteLength; at += 1000) yield ENCRYPTED.subarray(at, at + 1000); } };
    expect(await directoryNames(source)).toEqual(['Root Entry', 'EncryptionInfo', 'EncryptedPackage']);
  });
});
