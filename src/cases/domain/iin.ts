/**
 * IIN / BIN check digit (12 digits): weights 1..11 over the first 11 digits,
 * mod 11; if 10, weights 3..11,1,2, mod 11; if 10 again the number is invalid.
 * Since 2013 the date part need not be a real birth date, so only the digit is checked.
 */
export function isValidIin(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const weighted = (weights: number[]) => weights.reduce((sum, w, i) => sum + w * digits[i], 0) % 11;
  let check = weighted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  if (check === 10) {
    check = weighted([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
    if (check === 10) return false;
  }
  return check === digits[11];
}

/** Shows the first 6 digits (the date part) only: enough to tell applicants apart in a list. */
export const maskIin = (iin: string): string => `${iin.slice(0, 6)}******`;
