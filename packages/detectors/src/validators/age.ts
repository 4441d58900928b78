/** Age of majority under Indonesian child-protection law: a person under 18 is a child (domain.md §9.1 `PDP_SPESIFIK_ANAK`). */
export const ADULT_AGE_YEARS = 18;

/**
 * True when someone born on `iso` (`YYYY-MM-DD`) is under 18 on `today`: their data is also
 * `data anak`, specific personal data under UU 27/2022 Art. 4(2)(e). A birth date in the future
 * (a typo) is not a child.
 */
export function isMinor(iso: string, today: Date = new Date()): boolean {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(iso);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const y = today.getUTCFullYear();
  const md = (today.getUTCMonth() + 1) * 100 + today.getUTCDate();
  const born = year * 10000 + month * 100 + day;
  if (born > y * 10000 + md) return false;
  const age = y - year - (md < month * 100 + day ? 1 : 0);
  return age < ADULT_AGE_YEARS;
}
