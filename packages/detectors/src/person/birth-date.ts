import { keywordSet, type CandidateDetector } from '@saring/core';
import { pipeTableHeader } from '../labels.js';
import { SCORE, clamp } from '../score.js';
import { readDate } from '../validators/date-text.js';
import { isMinor } from '../validators/age.js';

/** Birth-date labels (domain.md §1.4 KTP, §2.6 SEP, §2.8 Khanza, §3 FHIR `birthDate`, §6 lab headers, DICOM PatientBirthDate). */
const LABELS = keywordSet([
  'tgl lahir', 'tgl. lahir', 'tanggal lahir', 'tempat/tgl lahir', 'tempat tgl lahir', 'tempat tanggal lahir', 'tempat, tanggal lahir', 'ttl',
  'tgl_lahir', 'tanggal_lahir', 'birthdate', 'birth date', 'date of birth', 'dob', 'patient birth date', 'patientbirthdate', 'lahir tanggal',
  // `Umur : 45 Tahun : 17-Agu-1979` on a Surat Rujukan FKTP (domain.md §2.7): the date after the age.
  'umur',
]);

/**
 * What may sit between the label and the date: separators (each `[ \t]*` after a fixed character,
 * so nothing is ambiguous), then optionally `/ Umur`, a birth place (`Jakarta,` / `Jakarta /`) or an
 * age (`35 Th /`). All bounded.
 */
const AFTER_LABEL = new RegExp(
  '(?:[ \\t]*/[ \\t]*(?:umur|usia))?' +
    '[ \\t]*(?:["\'][ \\t]*)?(?:[:=][ \\t]*)?(?:\\r?\\n[ \\t]*)?(?:["\'][ \\t]*)?' +
    '(?:[A-Za-z][A-Za-z .\'\\-]{0,39}[,/][ \\t]*|[0-9]{1,3}[ \\t]*(?:th|thn|tahun)\\.?[ \\t]*[,/:][ \\t]*)?',
  'iy',
);

/** Latest birth year accepted; a later "date" under a birth label is a typo or something else. */
const MAX_BIRTH_YEAR = 2099;

/**
 * Dates of birth, label-driven (domain.md §8.3): after `Tgl. Lahir`, `Tempat/Tgl Lahir`, `TTL`,
 * `tanggal_lahir`, `birthDate`, DICOM PatientBirthDate, in Indonesian month names, DD-MM-YYYY,
 * DD/MM/YYYY, ISO or DICOM YYYYMMDD; or a date in a column / key named like one. The value is
 * normalized to ISO `YYYY-MM-DD`. A date without such a label is never a birth date.
 */
export const birthDate: CandidateDetector = {
  id: 'birth-date',
  meta: {
    entity: 'Date of birth',
    category: 'umum',
    severity: 'medium',
    description: 'Dates of birth next to a birth-date label or under a birth-date column, in Indonesian and numeric formats; reported as ISO dates.',
    reference: 'domain.md §8.3',
  },
  triggers: { labels: LABELS, numbers: { minDigits: 6, maxDigits: 8 } },
  detect(candidate, view) {
    const text = view.text;
    if (candidate.kind === 'keyword') {
      AFTER_LABEL.lastIndex = candidate.end;
      const prefix = AFTER_LABEL.exec(text);
      const offset = prefix ? candidate.end + prefix[0].length : candidate.end;
      const date = readDate(text, offset, MAX_BIRTH_YEAR);
      if (!date) return undefined;
      return result(offset, date.length, date.iso, `date-${date.format}`, [candidate.keyword]);
    }
    if (candidate.partOfLongerNumber) return undefined;
    const label = view.fieldLabel(candidate.start) ?? pipeTableHeader(view, candidate.start);
    if (label === undefined) return undefined;
    const words = LABELS.matchLabel(label);
    if (!words.length) return undefined;
    const date = readDate(text, candidate.start, MAX_BIRTH_YEAR);
    if (!date || date.length !== candidate.end - candidate.start) return undefined;
    return result(candidate.start, date.length, date.iso, `date-${date.format}`, [`field ${label}`]);
  },
  /** `1945-**-**`: the year stays, month and day are hidden. */
  mask(value) {
    return value.length === 10 ? `${value.slice(0, 4)}-**-**` : '*'.repeat(value.length);
  },
  examples: {
    positive: ['Tgl. Lahir : 17-08-1945', 'Tempat/Tgl Lahir : JAKARTA, 17 Agustus 1945', '"birthDate": "1945-08-17"', 'PatientBirthDate: 19450817', 'TTL: Surakarta, 05/01/1990'],
    negative: ['17-08-1945', 'Tgl. Lahir : 31-02-1990', 'Tgl. Periksa : 17-08-2024', 'Tgl. Lahir : 2024010112345678'],
  },
};

function result(start: number, length: number, iso: string, pattern: string, context: string[]) {
  return {
    start,
    end: start + length,
    value: iso,
    score: clamp(SCORE.LABELLED_VALUE),
    explanation: { pattern, validation: 'valid' as const, validationNote: 'a real calendar date', context },
    // A child's birth date: also `data anak` (UU 27/2022 Art. 4(2)(e); issue 4).
    ...(isMinor(iso) ? { child: true as const } : {}),
  };
}

/** The regexes above, for the ReDoS test. */
export const BIRTH_DATE_REGEXES = [AFTER_LABEL] as const;
