import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ensurePki } from './pki';

describe('ensurePki', () => {
  it('creates a CA-signed serving certificate with loopback SANs and reuses it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pki-'));
    const a = await ensurePki(dir);
    const ca = new X509Certificate(a.caCertPem);
    const cert = new X509Certificate(a.certPem);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkIP('::1')).toBeTruthy();
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(ca.ca).toBe(true);
    expect(statSync(join(dir, 'apiserver.key')).mode & 0o777).toBe(0o600);
    const b = await ensurePki(dir);
    expect(b.certPem).toBe(a.certPem);
    expect(readFileSync(join(dir, 'ca.crt'), 'utf8')).toBe(a.caCertPem);
  });
});
