import { IDENTIFIER_DETECTORS, collector } from '../collector.mjs';
import * as v from '../values.mjs';
import { zip } from '../../fixtures/archive-writers.mjs';
import { buildPdf } from '../../fixtures/pdf-writer.mjs';

/**
 * The same identity blocks written as plain text and inside the containers hospital shares are
 * full of: PDF (text layer), DOCX, a ZIP holding the text file, and an XLSX register row. Recall
 * per format can then be compared with plain text (issue 5: within 2 points).
 */
export const name = 'containers';

const FORMATS = ['txt', 'pdf', 'docx', 'zip', 'xlsx'];
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function docx(lines) {
  const body = lines.map((l) => `<w:p><w:r><w:t xml:space="preserve">${esc(l)}</w:t></w:r></w:p>`).join('');
  return zip([
    { name: '[Content_Types].xml', data: `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>` },
    { name: '_rels/.rels', data: `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>` },
    { name: 'word/document.xml', data: `${XML}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>` },
  ]);
}

function xlsx(rows) {
  const col = (i) => String.fromCharCode(65 + i);
  const sheetRows = rows
    .map((cells, r) => `<row r="${r + 1}">${cells.map((c, i) => `<c r="${col(i)}${r + 1}" t="inlineStr"><is><t>${esc(c)}</t></is></c>`).join('')}</row>`)
    .join('');
  return zip([
    { name: '[Content_Types].xml', data: `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>` },
    { name: '_rels/.rels', data: `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', data: `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Pasien" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>` },
    { name: 'xl/worksheets/sheet1.xml', data: `${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>` },
  ]);
}

export function generate(dir, random) {
  const c = collector(dir, IDENTIFIER_DETECTORS);
  for (let i = 0; i < 200; i++) {
    const format = FORMATS[i % FORMATS.length];
    const person = v.name(random);
    const nik = v.nik(random);
    const card = v.bpjsCard(random);
    const phone = v.mobile(random);
    const mail = v.email(random, person);
    const found = [['nik', nik.value], ['bpjs-card', card.value], ['phone-id', phone.value], ['email', mail.value.toLowerCase()]];
    const lines = ['SURAT RUJUKAN', 'Mohon pemeriksaan dan penanganan lebih lanjut pasien :', `Nama           : ${person}`, `NIK            : ${nik.text}`, `No. Kartu BPJS : ${card.text}`, `No. HP         : ${phone.text}`, `Email          : ${mail.text}`, 'Atas bantuannya, diucapkan terima kasih.'];
    const file = `rujukan-${String(i).padStart(3, '0')}`;
    const meta = { format, layout: `referral-${format}` };
    if (format === 'txt') c.write(`${file}.txt`, `${lines.join('\n')}\n`, found, meta);
    else if (format === 'pdf') c.write(`${file}.pdf`, buildPdf({ pages: [lines] }), found, meta);
    else if (format === 'docx') c.write(`${file}.docx`, docx(lines), found, meta);
    else if (format === 'zip') c.write(`${file}.zip`, zip([{ name: `${file}.txt`, data: `${lines.join('\n')}\n` }]), found, meta);
    else c.write(`${file}.xlsx`, xlsx([['nama_pasien', 'nik', 'no_bpjs', 'no_hp', 'email'], [person, nik.text, card.text, phone.text, mail.text]]), found, meta);
  }
  return c.result;
}
