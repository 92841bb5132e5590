// The cookie-date algorithm of RFC 6265 s5.1.1 (unchanged in 6265bis): browsers read Expires this
// way, not by Date.parse, so "Wed, 21-Oct-2026 07:28:00 GMT" and "21 Oct 26 07:28:00" both count.

/** %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E: everything but digits, letters and ":" (and the rest of the octets). */
const DELIMITERS = /[\x09\x20-\x2f\x3b-\x40\x5b-\x60\x7b-\x7e]+/;
const TIME = /^(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\D.*)?$/;
const DAY = /^(\d{1,2})(?:\D.*)?$/;
const YEAR = /^(\d{2,4})(?:\D.*)?$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Milliseconds since the epoch of a cookie-date, or undefined when the algorithm fails it. */
export function parseCookieDate(text: string): number | undefined {
  let time: number[] | undefined;
  let day: number | undefined;
  let month: number | undefined;
  let year: number | undefined;
  for (const token of text.split(DELIMITERS)) {
    if (token === '') continue;
    const hms = time === undefined ? TIME.exec(token) : null;
    if (hms) {
      time = hms.slice(1, 4).map(Number);
      continue;
    }
    const dayMatch = day === undefined ? DAY.exec(token) : null;
    if (dayMatch) {
      day = Number(dayMatch[1]);
      continue;
    }
    const monthIndex = month === undefined ? MONTHS.indexOf(token.slice(0, 3).toLowerCase()) : -1;
    if (monthIndex >= 0) {
      month = monthIndex;
      continue;
    }
    const yearMatch = year === undefined ? YEAR.exec(token) : null;
    if (yearMatch) year = Number(yearMatch[1]);
  }
  if (time === undefined || day === undefined || month === undefined || year === undefined) return undefined;
  if (year >= 70 && year <= 99) year += 1900;
  else if (year <= 69) year += 2000;
  const [hour, minute, second] = time as [number, number, number];
  if (day < 1 || day > 31 || year < 1601 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(Date.UTC(year, month, day, hour, minute, second));
  // Date.UTC rolls 31 Feb over into March; the algorithm fails it.
  return date.getUTCDate() === day ? date.getTime() : undefined;
}
