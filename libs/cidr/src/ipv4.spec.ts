import { contains, formatCidr, mustParseCidr, overlaps, parseCidr, size, subnet } from './ipv4';

describe('IPv4 CIDR math', () => {
  it('parses and formats round trip', () => {
    for (const text of ['0.0.0.0/0', '10.0.0.0/16', '192.168.4.0/22', '255.255.255.255/32']) {
      expect(formatCidr(mustParseCidr(text))).toBe(text);
    }
  });

  it.each([
    ['10.0.0/16', '"10.0.0/16" is not an IPv4 CIDR block like 10.0.0.0/16'],
    ['10.0.0.0', '"10.0.0.0" is not an IPv4 CIDR block like 10.0.0.0/16'],
    ['10.0.0.256/32', '"10.0.0.256/32" has an octet above 255'],
    ['10.0.0.0/33', '"10.0.0.0/33" has a prefix length above 32'],
    ['10.0.0.1/24', '"10.0.0.1/24" has host bits set; the network address is 10.0.0.0/24'],
  ])('rejects %s', (text, message) => {
    expect(parseCidr(text)).toBe(message);
  });

  it('tells containment and overlap', () => {
    const vpc = mustParseCidr('10.0.0.0/16');
    expect(contains(vpc, mustParseCidr('10.0.255.0/24'))).toBe(true);
    expect(contains(vpc, mustParseCidr('10.1.0.0/24'))).toBe(false);
    expect(contains(mustParseCidr('10.0.0.0/24'), vpc)).toBe(false);
    expect(overlaps(mustParseCidr('10.0.0.0/24'), vpc)).toBe(true);
    expect(overlaps(mustParseCidr('10.0.0.0/24'), mustParseCidr('10.0.1.0/24'))).toBe(false);
    expect(size(vpc)).toBe(65536);
  });

  it('computes subnets like Terraform cidrsubnet()', () => {
    const vpc = mustParseCidr('10.0.0.0/16');
    expect(formatCidr(subnet(vpc, 8, 3))).toBe('10.0.3.0/24');
    expect(formatCidr(subnet(vpc, 3, 7))).toBe('10.0.224.0/19');
    expect(formatCidr(subnet(mustParseCidr('172.16.0.0/12'), 4, 15))).toBe('172.31.0.0/16');
    expect(() => subnet(vpc, 3, 8)).toThrow('10.0.0.0/16 has no subnet number 8 at /19');
    expect(() => subnet(vpc, 17, 0)).toThrow('cannot add 17 bits to /16');
  });
});
