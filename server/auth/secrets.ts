// Secrets the console keeps in its data dir (mode 0600): the one-time login token of local
// mode and the generated passwords of the embedded cluster's built-in users.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { secretEquals } from './sessions';

function writeSecret(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, path);
}

const LOGIN_TOKEN_FILE = 'login-token';
const USERS_FILE = 'console-users.json';

/**
 * Local mode's login link token. It is single-use: a successful login replaces it with a fresh
 * one in DATA/login-token, so a link seen in a terminal scrollback cannot be replayed.
 */
export class LoginToken {
  private token: string;
  private readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, LOGIN_TOKEN_FILE);
    this.token = randomBytes(24).toString('base64url');
    writeSecret(this.path, `${this.token}\n`);
  }

  current(): string {
    return this.token;
  }

  /** Token mode has no login link: a file left by an earlier local-mode run must not look valid. */
  static discard(dataDir: string): void {
    rmSync(join(dataDir, LOGIN_TOKEN_FILE), { force: true });
  }

  /** True once for the current token; the next one is written to the data dir. */
  consume(candidate: string | undefined): boolean {
    if (!secretEquals(candidate, this.token)) return false;
    this.token = randomBytes(24).toString('base64url');
    writeSecret(this.path, `${this.token}\n`);
    return true;
  }
}

export type BuiltinName = 'admin' | 'viewer';

/** Passwords for the embedded cluster's `admin` and `viewer`, generated once and kept. */
export class BuiltinPasswords {
  readonly path: string;
  private readonly passwords: Record<BuiltinName, string>;

  constructor(dataDir: string) {
    this.path = join(dataDir, USERS_FILE);
    let loaded: Partial<Record<BuiltinName, string>> = {};
    if (existsSync(this.path)) {
      try {
        loaded = JSON.parse(readFileSync(this.path, 'utf8')) as Partial<Record<BuiltinName, string>>;
      } catch {
        loaded = {};
      }
    }
    const gen = () => randomBytes(12).toString('base64url');
    this.passwords = { admin: loaded.admin || gen(), viewer: loaded.viewer || gen() };
    if (loaded.admin !== this.passwords.admin || loaded.viewer !== this.passwords.viewer) {
      writeSecret(this.path, JSON.stringify(this.passwords, null, 2) + '\n');
    }
  }

  /** The user these credentials belong to, or undefined. */
  check(username: unknown, password: unknown): BuiltinName | undefined {
    if (username !== 'admin' && username !== 'viewer') return undefined;
    return secretEquals(typeof password === 'string' ? password : undefined, this.passwords[username]) ? username : undefined;
  }
}

/**
 * What `ordinal serve` prints on start so the user can sign in: the one-time login link
 * (local mode), where the built-in users' passwords are (embedded cluster), or token sign-in.
 */
export function loginInstructions(auth: { loginPath(): string | undefined; passwordsFile?: string }, consoleUrl: string): string[] {
  const lines: string[] = [];
  const link = auth.loginPath();
  if (link) lines.push(`Log in: ${consoleUrl}${link}  (one-time link; later ones: <data dir>/${LOGIN_TOKEN_FILE})`);
  if (auth.passwordsFile) lines.push(`Or sign in as admin or viewer with the passwords in ${auth.passwordsFile}`);
  if (!lines.length) lines.push(`Sign in at ${consoleUrl}/ with your Kubernetes bearer token`);
  return lines;
}
