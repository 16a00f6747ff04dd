// Pure IP address helpers for the per-client limit and the trusted-proxy list: the form an address
// is compared in, the rate-limit key (IPv6 by /64), and a list of addresses and CIDR ranges
// (node:net BlockList). Addresses stay in memory; nothing here logs or stores one.
import { BlockList, isIP } from 'node:net';

/** A dual-stack socket shows IPv4 clients as ::ffff:a.b.c.d; compare them as a.b.c.d. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address.toLowerCase();
}

/** The eight 16-bit groups of an IPv6 address (zone dropped, an IPv4 tail folded in), or undefined. */
export function ipv6Groups(address: string): number[] | undefined {
  const bare = address.split('%')[0]!;
  if (isIP(bare) !== 6) return undefined;
  let text = bare;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const left = part(head);
  const right = part(tail);
  const zeros = tail === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  const groups = [...left, ...zeros, ...right];
  return groups.length === 8 ? groups : undefined;
}

/**
 * The per-client bucket for an address: an IPv4 address as it is (IPv4-mapped IPv6 as IPv4), an
 * IPv6 address by its /64, the smallest block a provider hands one customer, so that one
 * subscriber rotating through its 2^64 addresses still has one bucket.
 */
export function clientBucketKey(address: string): string {
  const plain = plainAddress(address);
  const groups = ipv6Groups(plain);
  if (!groups) return plain;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** Something that says whether an address is in it (a Set of addresses, or an AddressList). */
export interface AddressMatcher {
  has(address: string): boolean;
}

/** Addresses and CIDR ranges, IPv4 and IPv6 (POMELO_TRUSTED_PROXIES), over node:net BlockList. */
export class AddressList implements AddressMatcher {
  private readonly list = new BlockList();

  constructor(readonly entries: readonly string[]) {
    for (const entry of entries) {
      const parsed = parseAddressEntry(entry);
      if (!parsed) throw new Error(`not an IP address or CIDR range: ${entry}`);
      if (parsed.prefix === undefined) this.list.addAddress(parsed.address, parsed.type);
      else this.list.addSubnet(parsed.address, parsed.prefix, parsed.type);
    }
  }

  get size(): number {
    return this.entries.length;
  }

  has(address: string): boolean {
    const plain = plainAddress(address.split('%')[0]!);
    const type = isIP(plain);
    if (type === 0) return false;
    return this.list.check(plain, type === 4 ? 'ipv4' : 'ipv6');
  }
}

/** `a.b.c.d`, `a.b.c.d/n` (n ≤ 32), an IPv6 address or `x::/n` (n ≤ 128); undefined otherwise. */
export function parseAddressEntry(
  entry: string,
): { address: string; prefix?: number; type: 'ipv4' | 'ipv6' } | undefined {
  const m = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(entry.trim());
  if (!m) return undefined;
  const address = plainAddress(m[1]!);
  const kind = isIP(address);
  if (kind === 0) return undefined;
  const type = kind === 4 ? 'ipv4' : 'ipv6';
  if (m[2] === undefined) return { address, type };
  const prefix = Number(m[2]);
  if (prefix > (kind === 4 ? 32 : 128)) return undefined;
  return { address, prefix, type };
}
