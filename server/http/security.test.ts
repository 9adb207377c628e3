import { describe, expect, it } from 'vitest';
import { allowedHost } from './security';

describe('Host header check (DNS-rebinding protection)', () => {
  it('accepts loopback names with the bound port', () => {
    for (const host of ['127.0.0.1:8080', 'localhost:8080', '[::1]:8080']) {
      expect(allowedHost(host, '127.0.0.1', 8080)).toBe(true);
    }
  });
  it('refuses other names, other ports and a missing header', () => {
    expect(allowedHost('evil.example:8080', '127.0.0.1', 8080)).toBe(false);
    expect(allowedHost('127.0.0.1:9090', '127.0.0.1', 8080)).toBe(false);
    expect(allowedHost(undefined, '127.0.0.1', 8080)).toBe(false);
  });
  it('leaves non-loopback binds to the Origin checks', () => {
    expect(allowedHost('console.example.com', '0.0.0.0', 8080)).toBe(true);
  });
});
