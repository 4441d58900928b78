/** Age of majority under Indonesian child-protection law: a person under 18 is a child (domain.md §9.1 `PDP_SPESIFIK_ANAK`). */
export const ADULT_AGE_YEARS = 18;

/**
 * True when someone born on `iso` (`YYYY-MM-DD`) is under 18 on `today`: their data is also
 * `data anak`, specific personal data under UU 27/2022 Art. 4(2)(e). A birth date in the future
 * (a typo) is not a child.
 */
export function isMinor(iso: string, today?: Date): boolean {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return false; // YYYY-MM-DD
  const year = digitsAt(iso, 0, 4);
  const month = digitsAt(iso, 5, 2);
  const day = digitsAt(iso, 8, 2);
  if (year < 0 || month < 0 || day < 0) return false;
  const now = today === undefined ? currentDay() : { y: today.getUTCFullYear(), md: (today.getUTCMonth() + 1) * 100 + today.getUTCDate() };
  const born = year * 10000 + month * 100 + day;
  if (born > now.y * 10000 + now.md) return false;
  const age = now.y - year - (now.md < month * 100 + day ? 1 : 0);
  return age < ADULT_AGE_YEARS;
}

/** The number written by `length` digits at `from`, or -1 when one is not a digit. */
function digitsAt(text: string, from: number, length: number): number {
  let value = 0;
  for (let i = from; i < from + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

const DAY_MS = 86_400_000;
let today = { epochDay: -1, y: 0, md: 0 };

/** Today's year and month*100+day (UTC), worked out once a day rather than once per birth date. */
function currentDay(): { y: number; md: number } {
  const epochDay = Math.floor(Date.now() / DAY_MS);
  if (epochDay !== today.epochDay) {
    const date = new Date(epochDay * DAY_MS);
    today = { epochDay, y: date.getUTCFullYear(), md: (date.getUTCMonth() + 1) * 100 + date.getUTCDate() };
  }
  return today;
}
