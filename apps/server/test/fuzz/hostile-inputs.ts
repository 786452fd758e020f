import fc from 'fast-check';

/*
 * Generators of hostile input, shared by the fuzz files. Each one mixes plausible values (so requests
 * get past the first check) with the nasty ones the issue lists.
 */

/** `value` in one case out of `oneIn`, else null (fc.option's `freq` is the other way round). */
export const sometimes = <T>(value: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: value });

const controlCharacter = fc
  .oneof(fc.integer({ min: 0, max: 0x1f }), fc.constantFrom(0x7f, 0x85, 0x9f))
  .map((code) => String.fromCharCode(code));

export const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((code) => String.fromCharCode(code));

/** White space that String.prototype.trim removes, and some look-alikes it does not. */
const spaceLike = fc.constantFrom(
  ' ',
  '\t',
  '\n',
  '\r',
  '\v',
  '\f',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '\u3000',
  '\u200b',
);

const tricky = fc.constantFrom(
  "'",
  '"',
  '\\',
  '%',
  '_',
  '+',
  '&',
  '=',
  ';',
  '--',
  '/*',
  'é',
  'e\u0301',
  '😀',
  '\u202e',
  '\u0000',
  '%00',
  '%ZZ',
  '\\u0000',
);

const hostileUnit = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: controlCharacter },
  { weight: 2, arbitrary: loneSurrogate },
  { weight: 2, arbitrary: spaceLike },
  { weight: 2, arbitrary: tricky },
);

/** Lengths on both sides of the limits (255 and 10,000 characters) and of the 64 KiB body limit. */
const hugeString = fc
  .tuple(
    fc.constantFrom(254, 255, 256, 9_999, 10_000, 10_001, 22_000, 70_000),
    fc.constantFrom('x', 'é', '😀', ' ', '\u0000', '\ud800'),
    fc.constantFrom('', ' ', '  x  '),
  )
  .map(([length, unit, pad]) => pad + unit.repeat(length) + pad);

export const hostileString = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: hostileUnit, maxLength: 30 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\t\n',
      'null',
      'true',
      '0',
      '[]',
      '{}',
      "x'; drop table market_segments; --",
    ),
  },
  { weight: 1, arbitrary: hugeString },
);

/** A string the API accepts for `name` (1–255 characters after trimming, no NUL, no lone surrogate). */
export const validName = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u3000'), maxLength: 3 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
    fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u3000'), maxLength: 3 }),
  )
  .map(([before, core, after]) => before + core + after)
  .filter((value) => !value.includes('\u0000') && value.trim() !== '');

/** Arrays and objects nested up to thousands deep, as text (JSON.stringify would recurse too). */
export const deepJsonText = fc
  .tuple(fc.integer({ min: 1, max: 30_000 }), fc.constantFrom('array', 'object'))
  .map(([depth, kind]) =>
    kind === 'array'
      ? '['.repeat(depth) + ']'.repeat(depth)
      : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
  );

/** Values of the wrong type for a text field. */
export const wrongType = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

export const fieldName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('name', 'criteria', 'description') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'id',
      'Name',
      'name ',
      '',
      'created_at',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: hostileUnit, maxLength: 10 }) },
);

/** Percent-escapes a string the way a form would (with + for space); lone surrogates as raw %ED.. bytes. */
function formEncode(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`;
    } else {
      out += encodeURIComponent(char).replace(/%20/g, '+');
    }
  }
  return out;
}

const oddEscape = fc.constantFrom(
  '%',
  '%2',
  '%G1',
  '%E0%A4%A',
  '%C0%AF',
  '%ED%A0%80',
  '%FF',
  '%00',
  '%25',
  '%2B',
  '+',
  '%%',
  '%u0041',
  '%0D%0A',
);

/** How one form component goes on the wire: encoded properly, raw, or with odd escapes mixed in. */
export const formComponent = (value: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 5, arbitrary: value.map(formEncode) },
    { weight: 1, arbitrary: value },
    {
      weight: 2,
      arbitrary: fc.tuple(value.map(formEncode), oddEscape).map(([text, escape]) => text + escape),
    },
  );

const FIELDS = ['name', 'criteria', 'description'] as const;

/** One change to a valid body: a field made hostile or of the wrong type, dropped, repeated or added. */
type Mutation =
  | { kind: 'none' }
  | { kind: 'replace'; field: number; value: unknown }
  | { kind: 'drop'; field: number }
  | { kind: 'repeat'; field: number; value: string }
  | { kind: 'add'; name: string; value: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<Mutation>({ kind: 'none' }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('replace' as const),
      field: fc.nat(2),
      value: fc.oneof(hostileString, wrongType),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), field: fc.nat(2) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('repeat' as const), field: fc.nat(2), value: validName }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('add' as const), name: fieldName, value: validName }),
  },
);

/** The members of a valid create body with one mutation applied, in order (names may repeat). */
const nearlyValidMembers = fc
  .tuple(fc.tuple(validName, validName, validName), mutation)
  .map(([values, change]) => {
    const members: [string, unknown][] = FIELDS.map((field, index) => [field, values[index]]);
    if (change.kind === 'replace') members[change.field] = [FIELDS[change.field] ?? 'name', change.value];
    if (change.kind === 'drop') members.splice(change.field, 1);
    if (change.kind === 'repeat') members.push([FIELDS[change.field] ?? 'name', change.value]);
    if (change.kind === 'add') members.push([change.name, change.value]);
    return members;
  });

/** A valid create body, or one with a single hostile change, as JSON text. */
export const nearlyValidJsonText = nearlyValidMembers.map(
  (members) =>
    `{${members.map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`).join(',')}}`,
);

/** The same as form fields (values of the wrong type become their JSON text). */
export const nearlyValidFormText = nearlyValidMembers.chain((members) =>
  fc
    .tuple(
      ...members.map(([name, value]) =>
        formComponent(fc.constant(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''))).map(
          (encoded) => `${formEncode(name)}=${encoded}`,
        ),
      ),
    )
    .map((pairs) => pairs.join('&')),
);

/** Form bodies: repeated fields, empty pairs, missing `=`, odd escapes. */
export const formBodyText = fc
  .array(
    fc.oneof(
      {
        weight: 8,
        arbitrary: fc
          .tuple(formComponent(fieldName), formComponent(fc.oneof(validName, hostileString)))
          .map(([n, v]) => `${n}=${v}`),
      },
      { weight: 1, arbitrary: formComponent(fieldName) },
      { weight: 1, arbitrary: fc.constantFrom('', '=', '==', '&', 'name==x') },
    ),
    { maxLength: 6 },
  )
  .map((pairs) => pairs.join('&'));

export const contentType = fc.oneof(
  {
    weight: 16,
    arbitrary: fc.constantFrom(
      'application/json',
      'APPLICATION/JSON; charset=UTF-8',
      'application/json;charset=latin1',
      'application/x-www-form-urlencoded',
      'application/x-www-form-urlencoded; charset=utf-8',
    ),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/json-patch+json',
      'application/ld+json',
      'application/json, text/plain',
      '*/*',
      ';',
      ' ',
      'application/xml',
      'application/octet-stream',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 30 }) },
);

export const httpMethod = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE') },
  {
    weight: 3,
    arbitrary: fc.constantFrom('HEAD', 'OPTIONS', 'PATCH', 'TRACE', 'PROPFIND', 'SEARCH', 'QUERY'),
  },
  { weight: 1, arbitrary: fc.constantFrom('get', 'FOO', 'G ET', 'CONNECT', 'PRI', '') },
);
