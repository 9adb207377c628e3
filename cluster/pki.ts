// Cluster CA and serving certificate (D-1): generated on first start with @peculiar/x509 and
// Node's WebCrypto, kept in the data directory and reused on every later start.
import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { webcrypto, X509Certificate as NodeX509 } from 'node:crypto';
import type * as X509Module from '@peculiar/x509';

export interface ClusterPki {
  caCertPem: string;
  certPem: string;
  keyPem: string;
}

type CryptoKeyPair = webcrypto.CryptoKeyPair;
const crypto = webcrypto;

let x509Module: Promise<typeof X509Module> | undefined;

/** @peculiar/x509 and its ASN.1 stack take ~100 ms to load: only a first start (or renewal) needs them. */
function loadX509(): Promise<typeof X509Module> {
  x509Module ??= (async () => {
    await import('reflect-metadata');
    const x509 = await import('@peculiar/x509');
    x509.cryptoProvider.set(crypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
    return x509;
  })();
  return x509Module;
}

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const TEN_YEARS = 10 * 365 * 24 * 3600 * 1000;

function toPem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64.trimEnd()}\n-----END ${label}-----\n`;
}

/** Writes a file atomically (tmp + rename) with the given mode. */
export function writeFileAtomic(path: string, data: string, mode = 0o600): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data, { mode });
  renameSync(tmp, path);
}

async function generate(): Promise<ClusterPki & { caKeyPem: string }> {
  const x509 = await loadX509();
  const now = new Date(Date.now() - 60_000);
  const notAfter = new Date(now.getTime() + TEN_YEARS);
  const caKeys = (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=ordinal-ca',
    notBefore: now,
    notAfter,
    keys: caKeys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const keys = (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    subject: 'CN=ordinal-apiserver',
    issuer: ca.subject,
    notBefore: now,
    notAfter,
    publicKey: keys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension([
        { type: 'dns', value: 'localhost' },
        { type: 'dns', value: 'kubernetes.default.svc' },
        { type: 'ip', value: '127.0.0.1' },
        { type: 'ip', value: '::1' },
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  return {
    caCertPem: ca.toString('pem') + '\n',
    caKeyPem: toPem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', caKeys.privateKey)),
    certPem: cert.toString('pem') + '\n',
    keyPem: toPem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', keys.privateKey)),
  };
}

/** Loads the PKI from `dir` or creates it on first start. */
export async function ensurePki(dir: string): Promise<ClusterPki> {
  const files = { ca: join(dir, 'ca.crt'), caKey: join(dir, 'ca.key'), cert: join(dir, 'apiserver.crt'), key: join(dir, 'apiserver.key') };
  if (existsSync(files.ca) && existsSync(files.cert) && existsSync(files.key)) {
    const pki = { caCertPem: readFileSync(files.ca, 'utf8'), certPem: readFileSync(files.cert, 'utf8'), keyPem: readFileSync(files.key, 'utf8') };
    // Regenerate an expired serving certificate rather than failing every TLS handshake.
    if (new Date(new NodeX509(pki.certPem).validTo) > new Date()) return pki;
  }
  const g = await generate();
  writeFileAtomic(files.caKey, g.caKeyPem);
  writeFileAtomic(files.key, g.keyPem);
  writeFileAtomic(files.cert, g.certPem, 0o644);
  writeFileAtomic(files.ca, g.caCertPem, 0o644);
  return { caCertPem: g.caCertPem, certPem: g.certPem, keyPem: g.keyPem };
}
