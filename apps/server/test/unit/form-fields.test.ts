import { describe, expect, it } from 'vitest';
import { parseFormFields } from '../../src/http/form-fields';

describe('parseFormFields', () => {
  it('decodes + and percent-escapes', () => {
    expect(parseFormFields('name=Tech+Enthusiasts&criteria=a%26b%3Dc&e=%F0%9F%98%80', 'field')).toEqual({
      name: 'Tech Enthusiasts',
      criteria: 'a&b=c',
      e: '😀',
    });
  });

  it('reads a name without = as an empty value and skips empty pairs', () => {
    expect(parseFormFields('a&&b=', 'field')).toEqual({ a: '', b: '' });
    expect(parseFormFields('', 'field')).toEqual({});
  });

  it('keeps bracketed names flat (no nested objects)', () => {
    expect(parseFormFields('a[b]=1', 'field')).toEqual({ 'a[b]': '1' });
  });

  it('makes __proto__ an ordinary own key', () => {
    const fields = parseFormFields('__proto__=x', 'field');
    expect(Object.keys(fields)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
  });

  it('refuses a repeated name, naming it', () => {
    expect(() => parseFormFields('limit=1&limit=2', 'query parameter')).toThrow(
      expect.objectContaining({ message: 'The query parameter limit may appear only once', param: 'limit' }),
    );
  });

  it('refuses malformed escapes and encoded invalid UTF-8', () => {
    expect(() => parseFormFields('name=%zz', 'field')).toThrow(
      expect.objectContaining({ status: 400, param: 'name' }),
    );
    expect(() => parseFormFields('name=%ED%A0%80', 'field')).toThrow(
      expect.objectContaining({ status: 400 }),
    );
    expect(() => parseFormFields('%zz=1', 'field')).toThrow(expect.objectContaining({ status: 400 }));
  });
});
