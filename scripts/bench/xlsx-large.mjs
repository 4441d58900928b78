#!/usr/bin/env node
// Throughput and peak memory of reading a large XLSX export through the library (built dist/).
// Writes a synthetic workbook (one sheet, ROWS rows of NIK / name / phone / BPJS / date / note)
// to the OS temp folder, scans it with every detector, and prints rows/s, MB of sheet XML per
// second and the process's peak RSS. The file is synthetic (domain.md rules) and removed after.
//
// Usage: pnpm -r build && node scripts/bench/xlsx-large.mjs [rows=1000000]
// About 2.6 M rows make a 200 MB .xlsx (about 1.5 GB of sheet XML).
import { createWriteStream, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { crc32, createDeflateRaw } from 'node:zlib';

const rows = Number(process.argv[2] ?? 1_000_000);
const file = join(tmpdir(), `saring-bench-${process.pid}.xlsx`);

const u16 = (n) => Buffer.from([n & 0xff, (n >>> 8) & 0xff]);
const u32 = (n) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};

/** Writes a ZIP entry by streaming deflate; returns its central-directory record. Sizes go in a data descriptor. */
async function entry(out, position, name, chunks) {
  const nameBytes = Buffer.from(name);
  const local = Buffer.concat([u32(0x04034b50), u16(20), u16(0x808), u16(8), u16(0), u16(0x5821), u32(0), u32(0), u32(0), u16(nameBytes.length), u16(0), nameBytes]);
  out.write(local);
  let crc = 0;
  let size = 0;
  let compressed = 0;
  const deflate = createDeflateRaw({ level: 1 });
  deflate.on('data', (c) => {
    compressed += c.length;
    if (!out.write(c)) deflate.pause();
  });
  out.on('drain', () => deflate.resume());
  for (const chunk of chunks()) {
    const b = Buffer.from(chunk);
    crc = crc32(b, crc);
    size += b.length;
    if (!deflate.write(b)) await once(deflate, 'drain');
  }
  deflate.end();
  await once(deflate, 'end');
  out.write(Buffer.concat([u32(0x08074b50), u32(crc), u32(compressed), u32(size)]));
  const central = Buffer.concat([u32(0x02014b50), u16(20), u16(20), u16(0x808), u16(8), u16(0), u16(0x5821), u32(crc), u32(compressed), u32(size), u16(nameBytes.length), u16(0), u16(0), u16(0), u16(0), u32(0), u32(position), nameBytes]);
  return { central, length: local.length + compressed + 16, xml: size };
}

function* sheet() {
  yield '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  yield '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row>';
  let batch = '';
  for (let r = 2; r <= rows; r++) {
    const day = String(1 + (r % 28)).padStart(2, '0');
    const nik = `3171${String(1 + (r % 20)).padStart(2, '0')}${day}0890${String(1 + (r % 9998)).padStart(4, '0')}`;
    batch += `<row r="${r}"><c r="A${r}"><v>${nik}</v></c><c r="B${r}" t="s"><v>${6 + (r % 50)}</v></c><c r="C${r}" t="inlineStr"><is><t>0812${String(r).padStart(8, '0')}</t></is></c><c r="D${r}" t="inlineStr"><is><t>000${String(r).padStart(10, '0')}</t></is></c><c r="E${r}" s="1"><v>${30000 + (r % 9000)}</v></c><c r="F${r}" t="inlineStr"><is><t>kontrol ulang poli penyakit dalam</t></is></c></row>`;
    if (batch.length > 1 << 20) {
      yield batch;
      batch = '';
    }
  }
  yield `${batch}</sheetData></worksheet>`;
}

const NAMES = ['SITI RAHMAWATI', 'BUDI SANTOSO', 'DEWI LESTARI', 'AGUS HIDAYAT', 'RINA WAHYUNI'];
const strings = ['NIK', 'Nama Pasien', 'No HP', 'No. Kartu BPJS', 'Tgl Lahir', 'Keterangan', ...Array.from({ length: 50 }, (_, i) => `${NAMES[i % 5]} ${i}`)];
const parts = [
  ['[Content_Types].xml', () => ['<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>']],
  ['xl/workbook.xml', () => ['<workbook xmlns:r="r"><sheets><sheet name="Pasien" sheetId="1" r:id="rId1"/></sheets></workbook>']],
  ['xl/_rels/workbook.xml.rels', () => ['<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>']],
  ['xl/styles.xml', () => ['<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>']],
  ['xl/worksheets/sheet1.xml', sheet],
  ['xl/sharedStrings.xml', () => [`<sst>${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`]],
];

const out = createWriteStream(file);
let position = 0;
let xmlBytes = 0;
const centrals = [];
const writeStarted = performance.now();
for (const [name, chunks] of parts) {
  const { central, length, xml } = await entry(out, position, name, chunks);
  centrals.push(central);
  position += length;
  xmlBytes += xml;
}
const cd = Buffer.concat(centrals);
out.end(Buffer.concat([cd, u32(0x06054b50), u16(0), u16(0), u16(parts.length), u16(parts.length), u32(cd.length), u32(position), u16(0)]));
await once(out, 'finish');
const fileBytes = statSync(file).size;
console.log(`wrote ${(fileBytes / 1e6).toFixed(1)} MB xlsx (${(xmlBytes / 1e6).toFixed(0)} MB of XML, ${rows} rows) in ${((performance.now() - writeStarted) / 1000).toFixed(1)} s`);

try {
  const { scan } = await import('../../packages/core/dist/index.js');
  const { allDetectors } = await import('../../packages/detectors/dist/index.js');
  const started = performance.now();
  let report;
  for await (const event of scan([file], { detectors: allDetectors, fingerprintKey: 'bench-key-0123456789abcdef', scanFileNames: false, fileTimeoutMs: 3_600_000 })) {
    if (event.type === 'file') report = event.file;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`scanned in ${seconds.toFixed(1)} s: ${Math.round(rows / seconds)} rows/s, ${(xmlBytes / 1e6 / seconds).toFixed(1)} MB XML/s; status ${report.status}${report.reason ? ` (${report.reason})` : ''}; ${report.findingCount} findings`);
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  rmSync(file, { force: true });
}
