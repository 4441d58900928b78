/**
 * Synthetic values built from the rules in ../shared/domain.md — never real people. Every
 * generator takes the corpus's seeded `random` so the corpus is the same on every run.
 * Each returns `{ text, value }`: how it is written in the document and the normalized value a
 * detector must report (digits only, upper-case codes, `+62…` phones, ISO dates).
 */

export const PROVINCES = [11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97];
const MOBILE_PREFIXES = ['811', '812', '813', '821', '822', '823', '851', '852', '853', '814', '815', '816', '855', '856', '857', '858', '817', '818', '819', '859', '877', '878', '831', '832', '833', '838', '895', '896', '897', '898', '899', '881', '882', '883', '887', '888'];
const AREA_CODES = ['021', '022', '024', '031', '0271', '0274', '0281', '0341', '0361', '0411', '0431', '0511', '0541', '0561', '0711', '0751', '0761', '0778'];
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
const FIRST = ['Budi', 'Siti', 'Agus', 'Dewi', 'Slamet', 'Sri', 'Wahyu', 'Endah', 'Joko', 'Ani', 'Putu', 'Made', 'Nyoman', 'Ketut', 'Muhammad', 'Aisyah', 'Rina', 'Bambang', 'Yohanes', 'Maria', 'Hendra', 'Lestari', 'Fajar', 'Nur'];
const LAST = ['Santoso', 'Aminah', 'Wibowo', 'Lestari', 'Siregar', 'Nainggolan', 'Purwanto', 'Handayani', 'Saputra', 'Kurniawati', 'Situmorang', 'Hidayat', 'Setiawan', 'Rahmawati', 'Gunawan', 'Wijaya'];
const CITIES = ['Jakarta', 'Bandung', 'Surakarta', 'Yogyakarta', 'Surabaya', 'Semarang', 'Medan', 'Makassar', 'Denpasar', 'Palembang', 'Banyumas', 'Klaten', 'Jayapura', 'Sorong'];
const MAIL_DOMAINS = ['gmail.com', 'yahoo.co.id', 'yahoo.com', 'hotmail.com', 'outlook.co.id', 'mail.com', 'ymail.com'];

export const pick = (random, list) => list[Math.floor(random() * list.length)];
export const int = (random, min, max) => min + Math.floor(random() * (max - min + 1));
export const pad = (n, w = 2) => String(n).padStart(w, '0');
export const digits = (random, n) => {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(random() * 10));
  return s;
};

export function name(random) {
  return `${pick(random, FIRST)} ${pick(random, LAST)}`.toUpperCase();
}
export const city = (random) => pick(random, CITIES);

/** A real calendar date between the years given. */
export function date(random, fromYear, toYear) {
  const year = int(random, fromYear, toYear);
  const month = int(random, 1, 12);
  const day = int(random, 1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  return { year, month, day, iso: `${year}-${pad(month)}-${pad(day)}` };
}

function luhnDigit(body) {
  let sum = 0;
  let double = true;
  for (let i = body.length - 1; i >= 0; i--) {
    let d = body.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return String((10 - (sum % 10)) % 10);
}

/** NIK: `PP RR SS DDMMYY SSSS`, +40 on the day for women (domain.md §1.1). */
export function nikDigits(random, { female = random() < 0.5, year } = {}) {
  const born = date(random, year ?? 1935, year ?? 2022);
  const day = born.day + (female ? 40 : 0);
  const serial = random() < 0.6 ? int(random, 1, 60) : int(random, 1, 9999);
  return `${pad(pick(random, PROVINCES))}${pad(int(random, 1, 79))}${pad(int(random, 1, 45))}${pad(day)}${pad(born.month)}${pad(born.year % 100)}${pad(serial, 4)}`;
}

/** A 16-digit NIK/KK written in one of the forms seen (domain.md §1.1). */
export function format16(random, d) {
  const style = random();
  if (style < 0.6) return d;
  if (style < 0.75) return `${d.slice(0, 2)} ${d.slice(2, 6)} ${d.slice(6, 12)} ${d.slice(12)}`;
  if (style < 0.9) return `${d.slice(0, 2)}.${d.slice(2, 6)}.${d.slice(6, 12)}.${d.slice(12)}`;
  return `${d.slice(0, 4)} ${d.slice(4, 8)} ${d.slice(8, 12)} ${d.slice(12)}`;
}

export function nik(random, options) {
  const value = nikDigits(random, options);
  return { value, text: format16(random, value) };
}

/** KK: same area code, DDMMYY = the date the card was recorded, no +40 (domain.md §1.5). */
export function kk(random) {
  const made = date(random, 1990, 2024);
  const value = `${pad(pick(random, PROVINCES))}${pad(int(random, 1, 79))}${pad(int(random, 1, 45))}${pad(made.day)}${pad(made.month)}${pad(made.year % 100)}${pad(int(random, 1, 3000), 4)}`;
  return { value, text: format16(random, value) };
}

/** NPWP old 15 digits `99.999.999.9-999.999` with the Luhn check digit 9 over 1–8, or a 16-digit form (domain.md §1.6). */
export function npwp(random) {
  const body = `${pad(pick(random, [1, 2, 3, 4, 5, 6, 7, 8, 9, 31, 21]))}${digits(random, 6)}`;
  const old = `${body}${luhnDigit(body)}${digits(random, 3)}${pick(random, ['000', '000', '001'])}`;
  const style = random();
  if (style < 0.55) return { value: old, text: `${old.slice(0, 2)}.${old.slice(2, 5)}.${old.slice(5, 8)}.${old[8]}-${old.slice(9, 12)}.${old.slice(12)}` };
  if (style < 0.7) return { value: old, text: old };
  if (style < 0.85) return { value: `0${old}`, text: `0${old}` };
  const asNik = nikDigits(random);
  return { value: asNik, text: asNik };
}

/** Passport: 1–2 letters + 6–7 digits (domain.md §1.7). */
export function passport(random) {
  const value = random() < 0.8 ? `${pick(random, ['A', 'B', 'C', 'E', 'X'])}${digits(random, 7)}` : `${pick(random, ['A', 'B', 'X'])}${pick(random, ['A', 'B', 'C', 'E'])}${digits(random, 6)}`;
  return { value, text: random() < 0.9 ? value : value.toLowerCase() };
}

/** BPJS card: 13 digits, samples start 000/001 (domain.md §2.1). */
export function bpjsCard(random) {
  const value = `${pick(random, ['000', '000', '000', '001'])}${digits(random, 10)}`;
  const text = random() < 0.85 ? value : `${value.slice(0, 4)} ${value.slice(4, 8)} ${value.slice(8, 12)} ${value.slice(12)}`;
  return { value, text };
}

/** Kode PPK: 4 digits + R/B/U/digit + 3 digits (domain.md §2.2). */
export function ppk(random, kind = pick(random, ['R', 'R', 'R', 'B', 'U', 'digit'])) {
  return `${digits(random, 4)}${kind === 'digit' ? String(int(random, 0, 9)) : kind}${digits(random, 3)}`;
}

function letterNumber(random, letter, kind) {
  const issued = date(random, 2017, 2025);
  return `${ppk(random, kind)}${pad(issued.month)}${pad(issued.year % 100)}${letter}${digits(random, 6)}`;
}

/** No. SEP: PPK(8) MMYY V serial(6); a few written with a lower-case v (domain.md §2.3). */
export function sep(random) {
  const value = letterNumber(random, 'V', 'R');
  return { value, text: random() < 0.1 ? value.toLowerCase() : value };
}

/** No. Rujukan / control letter: same layout, letters P/Y (FKTP), B, K, N (domain.md §2.4). */
export function rujukan(random, letter = pick(random, ['P', 'Y', 'B', 'K', 'N'])) {
  const kind = letter === 'P' || letter === 'Y' ? pick(random, ['digit', 'B', 'U']) : 'R';
  const value = letterNumber(random, letter, kind);
  return { value, text: value };
}

/** SATUSEHAT patient id: P + 11 digits (domain.md §3). */
export function ihs(random) {
  const value = `P${pad(int(random, 0, 9), 2)}${digits(random, 9)}`;
  return { value, text: value };
}

/** No. RM in the forms seen (domain.md §4.1). */
export function mrn(random) {
  const style = random();
  let text;
  if (style < 0.35) text = digits(random, 6);
  else if (style < 0.6) text = `00${digits(random, 6)}`;
  else if (style < 0.75) text = `MR${digits(random, 10)}`;
  else if (style < 0.85) text = `RM-${digits(random, 5)}`;
  else text = `${digits(random, 2)}-${digits(random, 2)}-${digits(random, 2)}`;
  return { value: text.toUpperCase(), text };
}

/** A personal mobile number in the written forms of domain.md §8.1. */
export function mobile(random) {
  const subscriber = digits(random, int(random, 7, 8));
  const national = `08${pick(random, MOBILE_PREFIXES).slice(1)}${subscriber}`;
  const rest = national.slice(1);
  const style = random();
  let text;
  if (style < 0.35) text = national;
  else if (style < 0.55) text = `${national.slice(0, 4)}-${national.slice(4, 8)}-${national.slice(8)}`;
  else if (style < 0.7) text = `${national.slice(0, 4)} ${national.slice(4, 8)} ${national.slice(8)}`;
  else if (style < 0.82) text = `+62 ${rest.slice(0, 3)} ${rest.slice(3, 7)} ${rest.slice(7)}`;
  else if (style < 0.92) text = `62${rest}`;
  else text = `(+62) ${rest.slice(0, 3)} ${rest.slice(3, 7)} ${rest.slice(7)}`;
  return { value: `+62${rest}`, text };
}

/** A landline with its area code (domain.md §8.1), e.g. `(0271) 634 634`, `0281-6570004`. */
export function landline(random) {
  const area = pick(random, AREA_CODES);
  const subscriber = digits(random, area.length === 3 ? 7 : 6).replace(/^0/, '5');
  const style = random();
  const text = style < 0.5 ? `(${area}) ${subscriber.slice(0, 3)} ${subscriber.slice(3)}` : style < 0.75 ? `(${area}) ${subscriber}` : `${area}-${subscriber}`;
  return { value: `+62${area.slice(1)}${subscriber}`, text };
}

export function email(random, person) {
  const [first, last] = person.toLowerCase().split(' ');
  const local = pick(random, [`${first}.${last}`, `${first}${last}${int(random, 1, 99)}`, `${first}_${last}`, `${first}${int(random, 70, 99)}`]);
  const value = `${local}@${pick(random, MAIL_DOMAINS)}`;
  return { value, text: random() < 0.1 ? value.replace(/^./, (c) => c.toUpperCase()) : value };
}

/** A birth date in one of the written forms of domain.md §8.3. */
export function birthDate(random, style = random()) {
  const d = date(random, 1935, 2023);
  let text;
  if (style < 0.3) text = `${pad(d.day)}-${pad(d.month)}-${d.year}`;
  else if (style < 0.5) text = `${pad(d.day)}/${pad(d.month)}/${d.year}`;
  else if (style < 0.65) text = d.iso;
  else if (style < 0.85) text = `${d.day} ${MONTHS[d.month - 1]} ${d.year}`;
  else text = `${pad(d.day)}-${MONTHS_SHORT[d.month - 1]}-${d.year}`;
  return { value: d.iso, text, date: d };
}

/** A date that is not a birth date (visit, print, sample), written the same ways. */
export function otherDate(random) {
  return birthDate(random).text;
}

// ---- hard negatives (domain.md §11) ----

/** Luhn-valid payment card numbers (Visa 4…, Mastercard 5…). */
export function cardNumber(random) {
  const body = `${pick(random, ['4', '5'])}${digits(random, 14)}`;
  const n = `${body}${luhnDigit(body)}`;
  return random() < 0.5 ? n : `${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8, 12)} ${n.slice(12)}`;
}

/** Timestamps / order ids like `2024010112345678`. */
export function timestampId(random) {
  const d = date(random, 2019, 2025);
  return `${d.year}${pad(d.month)}${pad(d.day)}${pad(int(random, 0, 23))}${pad(int(random, 0, 59))}${pad(int(random, 0, 59))}${digits(random, 2)}`;
}

/** EAN-13 barcodes with a valid check digit (Indonesian prefix 899). */
export function ean13(random) {
  const body = `899${digits(random, 9)}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (body.charCodeAt(i) - 48) * (i % 2 ? 3 : 1);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** Bank virtual-account numbers: a 3–5 digit bank/company code + customer number, 16 digits. */
export function virtualAccount(random) {
  return `${pick(random, ['8808', '7007', '88810', '1234', '3901'])}${digits(random, 16)}`.slice(0, 16);
}

/** Foreign national ids (never Indonesian): MyKad, NRIC, Aadhaar, SSN, a Malaysian passport. */
export function foreignId(random) {
  const kind = pick(random, ['mykad', 'nric', 'aadhaar', 'ssn', 'mypassport']);
  if (kind === 'mykad') return { label: 'MyKad (Malaysia)', text: `${pad(int(random, 50, 99))}${pad(int(random, 1, 12))}${pad(int(random, 1, 28))}-${pad(int(random, 1, 16))}-${digits(random, 4)}` };
  if (kind === 'nric') return { label: 'NRIC (Singapore)', text: `${pick(random, ['S', 'T'])}${digits(random, 7)}${pick(random, ['A', 'D', 'J', 'Z'])}` };
  if (kind === 'aadhaar') return { label: 'Aadhaar (India)', text: `${int(random, 2, 9)}${digits(random, 3)} ${digits(random, 4)} ${digits(random, 4)}` };
  if (kind === 'ssn') return { label: 'SSN (USA)', text: `${digits(random, 3)}-${digits(random, 2)}-${digits(random, 4)}` };
  return { label: 'Passport (Malaysia, WNA)', text: `A${digits(random, 8)}` };
}

/** A hospital's public switchboard line for letterheads. */
export function switchboard(random) {
  const area = pick(random, AREA_CODES);
  const n = digits(random, area.length === 3 ? 7 : 6).replace(/^0/, '6');
  return random() < 0.6 ? `(${area}) ${n}` : `${area}-${n}`;
}

export function hospital(random) {
  return `${pick(random, ['RSUD', 'RSUP', 'RSU', 'RS', 'RSIA'])} ${pick(random, ['Sehat Sentosa', 'Kota Contoh', 'Harapan Kita Contoh', 'Bhakti Husada', 'Mitra Medika', 'Dr. Contoh'])}`.toUpperCase();
}
