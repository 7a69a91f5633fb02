import { isIP } from "node:net";

/** One parsed CIDR: address bytes (16 for IPv6, 4 for IPv4) and prefix length. */
interface Cidr {
  bytes: Uint8Array;
  prefix: number;
}

function ipv4Bytes(ip: string): Uint8Array {
  return Uint8Array.from(ip.split(".").map(Number));
}

function ipv6Bytes(ip: string): Uint8Array {
  let text = ip;
  // An embedded IPv4 tail (::ffff:10.0.0.1) becomes two hextets.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1]) {
    const b = ipv4Bytes(v4[1]);
    text = `${text.slice(0, -v4[1].length)}${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const h = head ? head.split(":") : [];
  const t = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill("0"), ...t];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const n = parseInt(g, 16);
    out[i * 2] = n >> 8;
    out[i * 2 + 1] = n & 0xff;
  });
  return out;
}

/** IPv4-mapped IPv6 (::ffff:a.b.c.d) compares as IPv4. */
function normalize(ip: string): Uint8Array | null {
  const bare = ip.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 4) return ipv4Bytes(bare);
  if (family !== 6) return null;
  const bytes = ipv6Bytes(bare);
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.slice(12) : bytes;
}

/** Parses "10.0.0.0/8", "::1", "fd00::/8"; throws on malformed input. */
export function parseCidr(text: string): Cidr {
  const [addr = "", prefixText] = text.trim().split("/");
  const bytes = normalize(addr);
  if (!bytes) throw new Error(`not an IP address or CIDR: ${text}`);
  const max = bytes.length * 8;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) throw new Error(`bad prefix length in ${text}`);
  return { bytes, prefix };
}

function contains(cidr: Cidr, ip: Uint8Array): boolean {
  if (cidr.bytes.length !== ip.length) return false;
  let bits = cidr.prefix;
  for (let i = 0; i < ip.length && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((ip[i]! & mask) !== (cidr.bytes[i]! & mask)) return false;
  }
  return true;
}

/** Whether `ip` lies in any of `cidrs` (malformed entries are ignored; malformed `ip` is never trusted). */
export function ipInCidrs(ip: string, cidrs: readonly string[]): boolean {
  const bytes = normalize(ip);
  if (!bytes) return false;
  for (const text of cidrs) {
    try {
      if (contains(parseCidr(text), bytes)) return true;
    } catch {
      // skip malformed
    }
  }
  return false;
}
