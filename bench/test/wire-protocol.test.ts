import { describe, expect, it } from 'vitest';
import { parsePgbench } from '../src/pgbench-phase';
import { createFrontendParser, decodeBind } from '../src/sql-capture-proxy';

const message = (type: string, payload: Buffer) => {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(payload.length + 4, 1);
  return Buffer.concat([header, payload]);
};
const cstring = (text: string) => Buffer.from(`${text}\0`);
const int16 = (value: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(value);
  return b;
};
const int32 = (value: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(value);
  return b;
};

describe('frontend wire protocol', () => {
  const startup = Buffer.concat([int32(8), int32(196608)]);
  const bind = Buffer.concat([
    cstring(''),
    cstring('s1'),
    int16(0),
    int16(2),
    int32(3),
    Buffer.from('abc'),
    int32(-1),
    int16(0),
  ]);

  it('splits messages after the startup packet, whatever the chunking', () => {
    const seen: string[] = [];
    const feed = createFrontendParser((type) => seen.push(type));
    const stream = Buffer.concat([
      startup,
      message('P', Buffer.concat([cstring('s1'), cstring('select $1'), int16(0)])),
      message('B', bind),
      message('E', Buffer.concat([cstring(''), int32(0)])),
      message('S', Buffer.alloc(0)),
    ]);
    for (let i = 0; i < stream.length; i += 3) feed(stream.subarray(i, i + 3));
    expect(seen).toEqual(['P', 'B', 'E', 'S']);
  });

  it('reads the statement and text parameters of a Bind, NULL included', () => {
    expect(decodeBind(bind)).toEqual({ statement: 's1', params: ['abc', null] });
  });

  it('reads pgbench figures', () => {
    const output =
      'latency average = 1.234 ms\ninitial connection time = 5.1 ms\ntps = 12345.678901 (without initial connection time)\n';
    expect(parsePgbench(output)).toEqual({ tps: 12345.678901, latencyMs: 1.234 });
    expect(() => parsePgbench('nothing')).toThrow(/unexpected pgbench output/);
  });
});
