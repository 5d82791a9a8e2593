// urlsplit's scheme/netloc/hostname, ipaddress's strict parsing, and the
// utf-8 / latin-1 codec errors, each expectation printed by Python 3.11.7.
import { describe, expect, it } from 'vitest';
import { checkLatin1, decodeUtf8Strict } from '../../src/python/codecs.js';
import { isLoopbackAddress, parseIPv4, parseIPv6, urlSplit } from '../../src/python/urlparse.js';

describe('urlSplit', () => {
  it.each([
    ['http://127.0.0.1:1/x', 'http', '127.0.0.1:1', '127.0.0.1'],
    ['HTTP://User@Example.COM:80/p', 'http', 'User@Example.COM:80', 'example.com'],
    ['http://[FE80::1%Eth0]:8/x', 'http', '[FE80::1%Eth0]:8', 'fe80::1%Eth0'],
    ['//host/x', '', 'host', 'host'],
    ['host:80/x', 'host', '', undefined],
    ['  http://a\tb/x', 'http', 'ab', 'ab'],
    ['http://a?b', 'http', 'a', 'a'],
    ['http://a#b', 'http', 'a', 'a'],
    ['http:/x', 'http', '', undefined],
    ['mailto:x@y', 'mailto', '', undefined],
    ['http://[v1.x]/', 'http', '[v1.x]', 'v1.x'],
    ['http://h:/x', 'http', 'h:', 'h'],
    ['1http://x/', '', '', undefined],
    ['http://@/x', 'http', '@', undefined],
  ])('%j', (url, scheme, netloc, hostname) => {
    expect(urlSplit(url)).toEqual({ scheme, netloc, hostname });
  });
});

describe('ip_address', () => {
  it.each([
    ['::1', [0, 0, 0, 0, 0, 0, 0, 1]],
    ['0:0:0:0:0:0:0:1', [0, 0, 0, 0, 0, 0, 0, 1]],
    ['::0:1', [0, 0, 0, 0, 0, 0, 0, 1]],
    ['1::', [1, 0, 0, 0, 0, 0, 0, 0]],
    ['::', [0, 0, 0, 0, 0, 0, 0, 0]],
    ['1:2:3:4:5:6:7:8', [1, 2, 3, 4, 5, 6, 7, 8]],
    ['1:2:3:4:5:6:7::', [1, 2, 3, 4, 5, 6, 7, 0]],
    ['::1:2:3:4:5:6:7', [0, 1, 2, 3, 4, 5, 6, 7]],
    ['::ffff:1.2.3.4', [0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]],
    ['1:2:3:4:5:6:1.2.3.4', [1, 2, 3, 4, 5, 6, 0x102, 0x304]],
    ['::1%a', [0, 0, 0, 0, 0, 0, 0, 1]],
  ])('reads IPv6 %s', (text, hextets) => {
    expect(parseIPv6(text)).toEqual(hextets);
  });

  it.each(['1:2:3:4:5:6:7:8:9', '1::2::3', '1:2:3:4:5:6:7:1.2.3.4', ':1:2:3:4:5:6:7', '1:2:3:4:5:6:7:', '12345::', '::g', '1:2', '::1%', '::1%a%b', '::1/128', ''])(
    'refuses IPv6 %j',
    (text) => {
      expect(parseIPv6(text)).toBeUndefined();
    },
  );

  it('reads IPv4 strictly', () => {
    expect(parseIPv4('127.0.0.1')).toEqual([127, 0, 0, 1]);
    for (const text of ['127.0.0.01', '1.2.3', '256.1.1.1', '١.1.1.1', '127.1', '0x7f.0.0.1', '']) expect(parseIPv4(text)).toBeUndefined();
  });

  it('knows the loopback addresses as Python 3.11 does', () => {
    for (const host of ['127.0.0.1', '127.9.8.7', '::1', '0:0:0:0:0:0:0:1', '::1%lo']) expect(isLoopbackAddress(host)).toBe(true);
    for (const host of ['128.0.0.1', '::', '::ffff:127.0.0.1', 'localhost', '127.1', undefined]) expect(isLoopbackAddress(host)).toBe(false);
  });
});

describe('codecs', () => {
  it.each([
    [[0xff], "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"],
    [[0x61, 0xe2, 0x82], "'utf-8' codec can't decode bytes in position 1-2: unexpected end of data"],
    [[0xe2], "'utf-8' codec can't decode byte 0xe2 in position 0: unexpected end of data"],
    [[0xe2, 0x82, 0x41], "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte"],
    [[0xe2, 0x41], "'utf-8' codec can't decode byte 0xe2 in position 0: invalid continuation byte"],
    [[0xed, 0xa0, 0x80], "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"],
    [[0xe0, 0x80, 0x80], "'utf-8' codec can't decode byte 0xe0 in position 0: invalid continuation byte"],
    [[0xf0, 0x90, 0x80], "'utf-8' codec can't decode bytes in position 0-2: unexpected end of data"],
    [[0xf4, 0x90, 0x80, 0x80], "'utf-8' codec can't decode byte 0xf4 in position 0: invalid continuation byte"],
    [[0xc0, 0x80], "'utf-8' codec can't decode byte 0xc0 in position 0: invalid start byte"],
    [[0xf0, 0x90, 0x80, 0x41], "'utf-8' codec can't decode bytes in position 0-2: invalid continuation byte"],
  ])('decodes %j as Python fails on it', (bytes, message) => {
    expect(() => decodeUtf8Strict(Uint8Array.from(bytes))).toThrow(message);
  });

  it('decodes valid UTF-8', () => {
    expect(decodeUtf8Strict(Buffer.from('aé€😀', 'utf8'))).toBe('aé€😀');
  });

  it('encodes latin-1 or fails as Python does', () => {
    expect(() => checkLatin1('abcé\xff')).not.toThrow();
    expect(() => checkLatin1('ab😀')).toThrow("'latin-1' codec can't encode character '\\U0001f600' in position 2: ordinal not in range(256)");
    expect(() => checkLatin1('€a€€')).toThrow("'latin-1' codec can't encode character '\\u20ac' in position 0: ordinal not in range(256)");
    expect(() => checkLatin1('a€😀b')).toThrow("'latin-1' codec can't encode characters in position 1-2: ordinal not in range(256)");
  });
});
