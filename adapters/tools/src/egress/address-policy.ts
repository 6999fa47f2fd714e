import { createRequire } from 'node:module';

// ipaddr.js is CommonJS without named ESM exports; load it the CommonJS way.
const ipaddr = createRequire(import.meta.url)('ipaddr.js') as typeof import('ipaddr.js');

type Address = import('ipaddr.js').IPv4 | import('ipaddr.js').IPv6;

/** What an allow-list entry may be: a host name (`api.internal`, `*.corp.example`), an IP address, or a CIDR. */
export interface AllowList {
  /** True when the host name itself is allowed (whatever it resolves to). */
  allowsHost(hostname: string): boolean;
  /** True when the address is inside an allowed IP or CIDR. */
  allowsAddress(address: string): boolean;
}

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parse('2000::');

/**
 * Why an address may not be reached, or undefined when it is a public unicast address. IPv4 must be in ipaddr.js's
 * `unicast` range (so not private, loopback, link-local and metadata 169.254.169.254, CGNAT, unspecified,
 * broadcast, multicast, reserved, benchmarking...). IPv6 must be global unicast (2000::/3) and not one of the
 * special ranges inside it (6to4, Teredo, NAT64 and the documentation and benchmarking blocks); IPv4-mapped
 * (`::ffff:a.b.c.d`) and IPv4-compatible (`::a.b.c.d`) forms are refused outright.
 */
export function blockedReason(address: string): string | undefined {
  let parsed: Address;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return 'not an IP address';
  }
  const range = parsed.range();
  if (parsed.kind() === 'ipv4') return range === 'unicast' ? undefined : `${range} address`;
  const v6 = parsed as import('ipaddr.js').IPv6;
  if (range === 'ipv4Mapped') return 'IPv4-mapped IPv6 address';
  if (range !== 'unicast') return `${range} IPv6 address`;
  if (!v6.match(GLOBAL_UNICAST_V6, 3)) {
    const parts = v6.parts;
    const compat = parts.slice(0, 6).every((p: number) => p === 0);
    return compat ? 'IPv4-compatible IPv6 address' : 'non-global IPv6 address';
  }
  return undefined;
}

/** Parses an allow-list; throws TypeError on an entry that is none of host, IP or CIDR. */
export function parseAllowList(entries: readonly string[] = []): AllowList {
  const hosts = new Set<string>();
  const suffixes: string[] = [];
  const cidrs: [Address, number][] = [];
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry.includes('/')) {
      try {
        cidrs.push(ipaddr.parseCIDR(entry));
      } catch {
        throw new TypeError(`egress allow-list: invalid CIDR ${JSON.stringify(raw)}`);
      }
    } else if (ipaddr.isValid(unbracket(entry))) {
      const address = ipaddr.parse(unbracket(entry));
      cidrs.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else if (/^\*\.[a-z0-9.-]+$/.test(entry)) {
      suffixes.push(entry.slice(1));
    } else if (/^[a-z0-9.-]+$/.test(entry)) {
      hosts.add(stripDot(entry));
    } else {
      throw new TypeError(`egress allow-list: invalid entry ${JSON.stringify(raw)}`);
    }
  }
  return {
    allowsHost(hostname) {
      const host = stripDot(hostname.toLowerCase());
      return hosts.has(host) || suffixes.some((s) => host.endsWith(s));
    },
    allowsAddress(address) {
      let parsed: Address;
      try {
        parsed = ipaddr.parse(unbracket(address));
      } catch {
        return false;
      }
      return cidrs.some(([range, bits]) => {
        if (range.kind() !== parsed.kind()) return false;
        return parsed.match(range, bits);
      });
    },
  };
}

/** True when `host` (as in a URL, IPv6 in brackets) is an IP literal. */
export function isIpLiteral(host: string): boolean {
  return (
    ipaddr.isValid(unbracket(host)) && (host.startsWith('[') || ipaddr.IPv4.isValidFourPartDecimal(host))
  );
}

export function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function stripDot(host: string): string {
  return host.endsWith('.') ? host.slice(0, -1) : host;
}
