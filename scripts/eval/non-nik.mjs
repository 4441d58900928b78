/**
 * 16-digit numbers that all fail the NIK structure check (domain.md §1.1): half fully random,
 * half near misses — a valid-looking NIK with exactly one rule broken (province, regency 00,
 * district 00, impossible date, serial 0000). Used by the detectors test (a few MB) and by
 * `pnpm eval` (100 MB): a NIK detector must report none of them.
 */

import { digits } from '../fixtures/lib.mjs';

const PROVINCES = new Set([11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97]);

/** Same rules as packages/detectors/src/validators/nik-structure.ts, restated so the generator cannot share a bug with it. */
export function looksLikeNik(d) {
  if (!/^[0-9]{16}$/.test(d)) return false;
  if (!PROVINCES.has(Number(d.slice(0, 2)))) return false;
  if (d.slice(2, 4) === '00' || d.slice(4, 6) === '00' || d.slice(12) === '0000') return false;
  let day = Number(d.slice(6, 8));
  if (day > 40) day -= 40;
  const month = Number(d.slice(8, 10));
  const yy = Number(d.slice(10, 12));
  const real = (y) => {
    const dt = new Date(Date.UTC(y, month - 1, day));
    return month >= 1 && month <= 12 && day >= 1 && dt.getUTCFullYear() === y && dt.getUTCMonth() === month - 1 && dt.getUTCDate() === day;
  };
  return real(1900 + yy) || real(2000 + yy);
}

// The fixtures' seeded PRNG and digit strings: the same seed gives the same corpus on every machine.
export { rng } from '../fixtures/lib.mjs';

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** One 16-digit number that fails the NIK check. */
export function nonNik(random) {
  for (;;) {
    let d;
    if (random() < 0.5) d = digits(random, 16);
    else {
      const province = [...PROVINCES][Math.floor(random() * PROVINCES.size)];
      const parts = [pad(province), pad(1 + Math.floor(random() * 79)), pad(1 + Math.floor(random() * 40)), pad(1 + Math.floor(random() * 28)), pad(1 + Math.floor(random() * 12)), digits(random, 2), pad(1 + Math.floor(random() * 9999), 4)];
      const broken = Math.floor(random() * 5);
      if (broken === 0) parts[0] = pad([20, 22, 30, 37, 41, 50, 54, 60, 66, 70, 77, 80, 83, 90, 98, 99][Math.floor(random() * 16)]);
      if (broken === 1) parts[1] = '00';
      if (broken === 2) parts[2] = '00';
      if (broken === 3) parts[3] = pad([0, 32, 35, 39, 40, 72, 80, 99][Math.floor(random() * 8)]);
      if (broken === 4) parts[6] = '0000';
      d = parts.join('');
    }
    if (!looksLikeNik(d)) return d;
  }
}

/** Text of about `bytes` bytes: one non-NIK per line, some written with NIK-style separators. */
export function nonNikText(random, bytes) {
  const lines = [];
  let size = 0;
  while (size < bytes) {
    const d = nonNik(random);
    const style = random();
    const line = style < 0.7 ? d : style < 0.85 ? `${d.slice(0, 2)} ${d.slice(2, 6)} ${d.slice(6, 12)} ${d.slice(12)}` : `${d.slice(0, 2)}.${d.slice(2, 6)}.${d.slice(6, 12)}.${d.slice(12)}`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}
