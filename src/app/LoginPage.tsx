// Sign-in (server/auth/routes.ts): built-in users `admin` / `viewer` of the embedded cluster
// with their generated passwords, a Kubernetes bearer token (token mode), or the one-time login
// token printed by `ordinal serve` (local mode). Plain markup (no Card/Form/Typography): the
// login page is a first route too, inside the same JS budget.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchLoginMethods, login, type LoginMethod, type SessionInfo } from '../api/session';
import { errorMessage } from '../api/errors';

// User + password first: it is how the embedded cluster's admin / viewer sign in.
const ORDER: LoginMethod[] = ['password', 'token', 'link'];

const field = { display: 'block', marginBottom: 16 } as const;
const label = { display: 'block', marginBottom: 6 } as const;
const hint = { display: 'block', marginTop: 4, fontSize: 12, color: 'rgba(0,0,0,0.45)' } as const;

export function LoginPage({ onSignedIn }: { onSignedIn(s: SessionInfo): void }) {
  const { t } = useTranslation();
  const methodsQ = useQuery({ queryKey: ['login-methods'], queryFn: fetchLoginMethods, staleTime: Infinity });
  const methods = (methodsQ.data ?? ['password']).slice().sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  const [chosen, setChosen] = useState<LoginMethod | undefined>();
  const method = chosen && methods.includes(chosen) ? chosen : methods[0];
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [missing, setMissing] = useState(false);

  const submit = async () => {
    const incomplete = method === 'password' ? !username || !password : !token.trim();
    setMissing(incomplete);
    if (incomplete) return;
    setBusy(true);
    setError(undefined);
    try {
      const s = method === 'password' ? await login({ method, username, password }) : await login({ method, token: token.trim() });
      onSignedIn(s);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ display: 'grid', placeItems: 'center', minHeight: '100vh', background: '#f5f5f5' }}>
      <form
        data-testid="login-page"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        style={{ width: 380, background: '#fff', borderRadius: 8, padding: 24, boxShadow: '0 1px 2px rgba(0,0,0,0.06), 0 1px 6px rgba(0,0,0,0.04)' }}
      >
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 20 }}>
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <h1 style={{ fontSize: 22, fontWeight: 600, margin: 0 }}>{t('login.title')}</h1>
        </div>
        {methods.length > 1 && (
          <div role="tablist" aria-label={t('login.methods')} style={{ display: 'flex', gap: 8, marginBottom: 16 }}>
            {methods.map((m) => (
              <Button
                key={m}
                role="tab"
                aria-selected={m === method}
                type={m === method ? 'primary' : 'default'}
                size="small"
                onClick={() => setChosen(m)}
                data-testid={`login-method-${m}`}
              >
                {t(`login.method.${m}`)}
              </Button>
            ))}
          </div>
        )}
        {method === 'password' ? (
          <>
            <label style={field}>
              <span style={label}>{t('login.username')}</span>
              <Input data-testid="login-username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} status={missing && !username ? 'error' : undefined} />
              <span style={hint}>{t('login.builtinHint')}</span>
            </label>
            <label style={field}>
              <span style={label}>{t('login.password')}</span>
              <Input.Password data-testid="login-password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} status={missing && !password ? 'error' : undefined} />
            </label>
          </>
        ) : (
          <label style={field}>
            <span style={label}>{t(method === 'token' ? 'login.bearerToken' : 'login.linkToken')}</span>
            <Input.Password data-testid="login-token" autoComplete="off" autoFocus value={token} onChange={(e) => setToken(e.target.value)} status={missing && !token.trim() ? 'error' : undefined} />
            <span style={hint}>{t(method === 'token' ? 'login.tokenHint' : 'login.linkHint')}</span>
          </label>
        )}
        {missing && (
          <p role="alert" style={{ color: '#ff4d4f', marginTop: -8 }} data-testid="login-missing">
            {t(method === 'password' ? 'login.credentialsRequired' : 'login.tokenRequired')}
          </p>
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </form>
    </main>
  );
}
