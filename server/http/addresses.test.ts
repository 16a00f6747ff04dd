import { describe, expect, test } from 'vitest';
import { AddressList, clientBucketKey, ipv6Groups, parseAddressEntry } from './addresses.js';

describe('client bucket keys', () => {
  test('IPv4 by address, IPv4-mapped IPv6 as IPv4', () => {
    expect(clientBucketKey('203.0.113.9')).toBe('203.0.113.9');
    expect(clientBucketKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(clientBucketKey('::FFFF:203.0.113.9')).toBe('203.0.113.9');
  });

  test('IPv6 by /64: every address of one /64 shares a key, the next /64 does not', () => {
    const a = clientBucketKey('2001:db8:1:2::1');
    expect(a).toBe('2001:db8:1:2::/64');
    expect(clientBucketKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe(a);
    expect(clientBucketKey('2001:0DB8:0001:0002:abcd::9')).toBe(a);
    expect(clientBucketKey('2001:db8:1:2:0:0:0:1%eth0')).toBe(a);
    expect(clientBucketKey('2001:db8:1:3::1')).not.toBe(a);
    expect(clientBucketKey('::1')).toBe('0:0:0:0::/64');
    expect(clientBucketKey('64:ff9b::198.51.100.7')).toBe('64:ff9b:0:0::/64');
  });

  test('ipv6Groups expands compressed forms and IPv4 tails', () => {
    expect(ipv6Groups('::')).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(ipv6Groups('1::')).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect(ipv6Groups('::2:3')).toEqual([0, 0, 0, 0, 0, 0, 2, 3]);
    expect(ipv6Groups('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    expect(ipv6Groups('1.2.3.4')).toBeUndefined();
    expect(ipv6Groups('unknown')).toBeUndefined();
  });

  test('anything that is not an address is its own key', () => {
    expect(clientBucketKey('unknown')).toBe('unknown');
  });
});

describe('AddressList (POMELO_TRUSTED_PROXIES)', () => {
  const list = new AddressList(['10.0.0.0/8', '192.0.2.7', '::1', 'fd00:1::/32']);

  test('exact IPv4 and IPv6 addresses, CIDR ranges of both families', () => {
    expect(list.has('10.255.3.4')).toBe(true);
    expect(list.has('11.0.0.1')).toBe(false);
    expect(list.has('192.0.2.7')).toBe(true);
    expect(list.has('192.0.2.8')).toBe(false);
    expect(list.has('::1')).toBe(true);
    expect(list.has('::2')).toBe(false);
    expect(list.has('fd00:1:abcd::5')).toBe(true);
    expect(list.has('fd00:2::5')).toBe(false);
  });

  test('IPv4-mapped sockets match IPv4 entries; garbage matches nothing', () => {
    expect(list.has('::ffff:10.1.2.3')).toBe(true);
    expect(list.has('not-an-ip')).toBe(false);
    expect(list.has('')).toBe(false);
  });

  test('entries are validated', () => {
    expect(parseAddressEntry('10.0.0.0/33')).toBeUndefined();
    expect(parseAddressEntry('::/129')).toBeUndefined();
    expect(parseAddressEntry('10.0.0.0/8/8')).toBeUndefined();
    expect(parseAddressEntry('example.com')).toBeUndefined();
    expect(parseAddressEntry('::/0')).toEqual({ address: '::', prefix: 0, type: 'ipv6' });
    expect(() => new AddressList(['nope'])).toThrow(/nope/);
  });
});
