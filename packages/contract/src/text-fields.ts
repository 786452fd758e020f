import { z } from 'zod';

/** Counts Unicode code points, which is what the API's length limits count (not UTF-16 units). */
export function countCharacters(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    const isPairStart = unit >= 0xd800 && unit <= 0xdbff;
    if (isPairStart && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** True when the string has no unpaired surrogate (such text cannot be stored as UTF-8). */
export function isWellFormedUnicode(value: string): boolean {
  return !/\p{Cs}/u.test(value);
}

/**
 * A required text field: surrounding white space trimmed, then 1..max characters,
 * no NUL character and no lone surrogate (neither can be stored in PostgreSQL).
 */
export function boundedText(field: string, max: number) {
  return z
    .string({
      required_error: `${field} is required`,
      invalid_type_error: `${field} must be a string`,
    })
    .trim()
    .refine((value) => value.length > 0, `${field} must not be empty`)
    .refine((value) => !value.includes('\u0000'), `${field} must not contain NUL characters`)
    .refine(isWellFormedUnicode, `${field} must be valid Unicode text`)
    .refine(
      (value) => countCharacters(value) <= max,
      `${field} must be at most ${max.toLocaleString('en-US')} characters`,
    )
    .describe(`1 to ${max.toLocaleString('en-US')} characters after trimming surrounding white space`);
}
