import type { DocumentClass, FileClassifier } from '@saring/core';
import { keywordSet } from '@saring/core';
import { REGISTER_MIN_ROWS } from './signals.js';

/** Rows with a person before a table is a register rather than a form with a few family members. */
/** Distinct people before a non-tabular file (JSON bundle, HL7 batch, text dump) is a register. */
const MIN_PEOPLE_UNTABULAR = 5;
/** Distinct people enough for a database dump (`rows in set`, `INSERT INTO`): it is an export by nature. */
const MIN_PEOPLE_DUMP = 2;
/** What a database dump, an export or a printed list says about itself (MySQL client output, SQL inserts, register titles). */
const DUMP_WORDS = [
  'rows in set', 'row in set', 'insert into', 'select from', 'create table', 'copy from stdin', 'daftar pasien', 'data pasien', 'rekap pasien',
  'register pasien', 'buku register', 'sensus harian', 'daftar peserta', 'daftar kunjungan', 'laporan kunjungan pasien',
];

/**
 * Patient registers: exports with a row per patient (the 2022 leak was such files). Tabular
 * files (CSV, sheets) with person identifiers in several rows, or structured dumps (JSON, HL7,
 * text) naming many people.
 */
export const patientRegister: FileClassifier = {
  id: 'patient-register',
  description: 'Patient register: a table or export with a row (or record) per patient.',
  keywords: keywordSet(DUMP_WORDS),
  classify(facts): DocumentClass | undefined {
    const evidence: string[] = [];
    let confidence = 0;
    if (facts.personRows >= REGISTER_MIN_ROWS) {
      confidence = 0.7 + Math.min(0.25, 0.1 * Math.log10(facts.personRows));
      evidence.push(`${facts.personRows} table rows with a person identifier`);
    } else if (facts.people >= MIN_PEOPLE_DUMP && DUMP_WORDS.some((w) => facts.keywordCount(w) > 0)) {
      confidence = 0.7 + Math.min(0.25, 0.1 * Math.log10(facts.people));
      evidence.push(`a list or dump (${DUMP_WORDS.filter((w) => facts.keywordCount(w) > 0).join(', ')})`);
    } else if (facts.people >= MIN_PEOPLE_UNTABULAR) {
      confidence = 0.55 + Math.min(0.3, 0.1 * Math.log10(facts.people));
      evidence.push(`${facts.people} distinct people`);
    } else return undefined;
    if (facts.people) evidence.push(`${facts.people} distinct people`);
    return { id: 'patient-register', confidence: Math.round(confidence * 100) / 100, evidence: [...new Set(evidence)] };
  },
  examples: {
    positive: ['no_rm,nama_pasien,nik\n000123,BUDI SANTOSO,3171011708450001\n000124,SITI AMINAH,3171015708450001\n000125,JOKO SUSILO,3171011708450002\n'],
    negative: ['Nama : BUDI SANTOSO\nNIK : 3171011708450001\n'],
  },
};
