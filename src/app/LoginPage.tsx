// Sign-in (server/auth/routes.ts): built-in users `admin` / `viewer` of the embedded cluster
// with their generated passwords, a Kubernetes bearer token (token mode), or the one-time login
// token printed by `ordinal serve` (local mode).
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchLoginMethods, login, type LoginMethod, type SessionInfo } from '../api/session';
import { errorMessage } from '../api/errors';

export function LoginPage({ onSignedIn }: { onSignedIn(s: SessionInfo): void }) {
  const { t } = useTranslation();
  const methodsQ = useQuery({ queryKey: ['login-methods'], queryFn: fetchLoginMethods, staleTime: Infinity });
  const methods = methodsQ.data ?? ['password'];
  const [chosen, setChosen] = useState<LoginMethod | undefined>();
  const method = chosen && methods.includes(chosen) ? chosen : methods[0];
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ username: string; password: string; token: string }>();

  const submit = async (v: { username?: string; password?: string; token?: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const s =
        method === 'password'
          ? await login({ method, username: v.username ?? '', password: v.password ?? '' })
          : await login({ method, token: (v.token ?? '').trim() });
      onSignedIn(s);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ display: 'grid', placeItems: 'center', minHeight: '100vh', background: '#f5f5f5' }}>
      <Card style={{ width: 400 }} data-testid="login-page">
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 16 }}>
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('login.title')}
          </Typography.Title>
        </div>
        {methods.length > 1 && (
          <Segmented
            block
            style={{ marginBottom: 16 }}
            value={method}
            onChange={(v) => setChosen(v as LoginMethod)}
            options={methods.map((m) => ({ value: m, label: t(`login.method.${m}`) }))}
          />
        )}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          {method === 'password' ? (
            <>
              <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]} extra={t('login.builtinHint')}>
                <Input data-testid="login-username" autoComplete="username" autoFocus />
              </Form.Item>
              <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
                <Input.Password data-testid="login-password" autoComplete="current-password" />
              </Form.Item>
            </>
          ) : (
            <Form.Item
              name="token"
              label={t(method === 'token' ? 'login.bearerToken' : 'login.linkToken')}
              extra={t(method === 'token' ? 'login.tokenHint' : 'login.linkHint')}
              rules={[{ required: true, message: t('login.tokenRequired') }]}
            >
              <Input.Password data-testid="login-token" autoFocus />
            </Form.Item>
          )}
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
