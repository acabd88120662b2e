import type { AllowedHost } from '@claimdesk/config';
import { isAllowedHost, isPublicAddress } from './address-policy';

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', 'public DNS'],
    ['1.1.1.1', 'public DNS'],
    ['93.184.216.34', 'a web server'],
    ['11.0.0.1', 'just past 10/8'],
    ['172.32.0.1', 'just past 172.16/12'],
    ['100.128.0.1', 'just past the CGNAT range'],
    ['192.169.0.1', 'just past 192.168/16'],
    ['2606:4700::1111', 'public IPv6'],
    ['2001:4860:4860::8888', 'public IPv6'],
    ['2a00:1450:4001::1', 'public IPv6'],
    ['::ffff:8.8.8.8', 'IPv4-mapped public address'],
    ['::ffff:808:808', 'IPv4-mapped public address in hex'],
  ])('lets %s through (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'this network'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.0.8', 'IETF protocol assignments'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fe80::1', 'IPv6 link-local'],
    ['fe80::1%eth0', 'IPv6 link-local with a zone'],
    ['fc00::1', 'unique local'],
    ['fd00:ec2::254', 'unique local (EC2 metadata over IPv6)'],
    ['fec0::1', 'deprecated site-local'],
    ['ff02::1', 'IPv6 multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback in hex'],
    ['::ffff:169.254.169.254', 'IPv4-mapped link-local'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::7f00:1', 'IPv4-compatible loopback'],
    ['::a00:1', 'IPv4-compatible private'],
    ['::808:808', 'IPv4-compatible (deprecated) even when the IPv4 half is public'],
    ['64:ff9b::a00:1', 'NAT64'],
    ['64:ff9b::808:808', 'NAT64 (whatever it embeds)'],
    ['64:ff9b:1::a00:1', 'local-use NAT64'],
    ['2002:a00:1::1', '6to4'],
    ['2001::1', 'Teredo'],
    ['2001:db8::1', 'documentation'],
    ['100::1', 'discard-only'],
    ['', 'empty'],
    ['example.com', 'a host name'],
    ['not an address', 'garbage'],
    ['[::1]', 'bracketed'],
  ])('refuses %j (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});

describe('isAllowedHost', () => {
  const cases: [AllowedHost[], string, number, boolean, string][] = [
    [[{ host: '127.0.0.1', port: 8080 }], '127.0.0.1', 8080, true, 'host and port match'],
    [[{ host: '127.0.0.1', port: 8080 }], '127.0.0.1', 8081, false, 'another port'],
    [[{ host: '127.0.0.1' }], '127.0.0.1', 1, true, 'no port: any port'],
    [[{ host: '127.0.0.1' }], '127.0.0.1', 65535, true, 'no port: any port'],
    [[{ host: '127.0.0.1' }], '127.0.0.2', 80, false, 'another address'],
    [[{ host: '[::1]', port: 3000 }], '::1', 3000, true, 'IPv6 as the connector sees it (no brackets)'],
    [[{ host: '[::1]', port: 3000 }], '[::1]', 3000, true, 'IPv6 in brackets'],
    [[{ host: '[::1]' }], '0:0:0:0:0:0:0:1', 80, true, 'IPv6 in another spelling'],
    [[{ host: '[::ffff:127.0.0.1]' }], '::ffff:7f00:1', 80, true, 'IPv4-mapped in another spelling'],
    [[{ host: '127.0.0.1' }], '::ffff:7f00:1', 80, false, 'an IPv4 entry does not allow its mapped IPv6 form'],
    [[{ host: 'fixtures.test', port: 443 }], 'fixtures.test', 443, true, 'a name'],
    [[{ host: 'fixtures.test' }], 'FIXTURES.Test.', 80, true, 'case and a trailing dot do not matter'],
    [[{ host: 'fixtures.test' }], 'sub.fixtures.test', 80, false, 'no wildcard subdomains'],
    [[{ host: 'fixtures.test' }], 'fixtures.test.evil.example', 80, false, 'no prefix match'],
    [[{ host: 'fixtures.test' }], 'evilfixtures.test', 80, false, 'no suffix match'],
    [
      [
        { host: 'a.test', port: 1 },
        { host: 'b.test', port: 2 },
      ],
      'b.test',
      2,
      true,
      'any entry may match',
    ],
    [
      [
        { host: 'a.test', port: 1 },
        { host: 'b.test', port: 2 },
      ],
      'b.test',
      1,
      false,
      'port of another entry',
    ],
    [[], '127.0.0.1', 80, false, 'nothing allowed'],
  ];

  it.each(cases)('%j allows %s port %d: %s (%s)', (allowed, host, port, expected) => {
    expect(isAllowedHost(allowed, host, port)).toBe(expected);
  });
});
