// Which IP addresses a callback may reach: public unicast only, unless the operator allows
// private targets (PETREL_ALLOW_PRIVATE_CALLBACKS). A customer's callback URL must not reach
// Petrel's own network (SSRF): loopback, private, link-local, carrier-grade NAT, multicast,
// documentation and reserved ranges are refused, and so are IPv4 addresses wrapped in IPv6.
// The webhook sender checks the address it actually connects to, after DNS.

export type AddressKind = 'public' | 'private' | 'invalid';

/** IPv4 dotted quad → 32-bit number; null when not one. */
function parseV4(s: string): number | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

/** IPv6 text (with `::`, a trailing dotted quad, a zone) → 128-bit number; null when not one. */
function parseV6(text: string): bigint | null {
  let s = text.replace(/%.*$/, '');
  const quad = /(?:^|:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (quad) {
    const v4 = parseV4(quad[1]!);
    if (v4 === null) return null;
    s = `${s.slice(0, s.length - quad[1]!.length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let n = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return n;
}

const V4_NOT_PUBLIC: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local (cloud metadata lives here)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
];

const V6_NOT_PUBLIC: Array<[string, number]> = [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible form
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
  ['2001:db8::', 32], // documentation
  ['100::', 64], // discard
];

const inV4 = (n: number, [base, bits]: [string, number]) => bits === 0 || n >>> (32 - bits) === parseV4(base)! >>> (32 - bits);
const inV6 = (n: bigint, [base, bits]: [string, number]) => n >> BigInt(128 - bits) === parseV6(base)! >> BigInt(128 - bits);

function kindV4(n: number): AddressKind {
  return V4_NOT_PUBLIC.some((r) => inV4(n, r)) ? 'private' : 'public';
}

/** Whether a literal IP address (v4 or v6) is public, private (or otherwise unroutable), or not an address. */
export function addressKind(ip: string): AddressKind {
  const v4 = parseV4(ip);
  if (v4 !== null) return kindV4(v4);
  const v6 = parseV6(ip.replace(/^\[|\]$/g, ''));
  if (v6 === null) return 'invalid';
  // An IPv4 address inside IPv6 (mapped ::ffff:0:0/96, NAT64 64:ff9b::/96) is judged as IPv4.
  if (v6 >> 32n === 0xffffn || v6 >> 32n === 0x64ff9b0000000000000000n) return kindV4(Number(v6 & 0xffffffffn));
  return V6_NOT_PUBLIC.some((r) => inV6(v6, r)) ? 'private' : 'public';
}
