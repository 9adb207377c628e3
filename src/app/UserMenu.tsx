// User menu (issue: "user menu with language and logout"): who is signed in, the language,
// and Log out. Keyboard: the trigger is a button; antd's Dropdown menu handles arrows/Enter.
import { Button, Dropdown } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { logout } from '../api/session';
import { errorMessage } from '../api/errors';
import { setLanguage } from './i18n';
import { notify } from './feedback';
import { SESSION_KEY, useSession } from './AuthGate';

export function UserMenu() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const qc = useQueryClient();
  const name = session?.user.name ?? t('user.anonymous');
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [`lang-${i18n.language}`],
        items: [
          { key: 'who', label: t('user.signedInAs', { name }), disabled: true },
          { type: 'divider' },
          { key: 'lang-en', label: 'English' },
          { key: 'lang-zh', label: '中文' },
          ...(session ? [{ type: 'divider' as const }, { key: 'logout', label: t('user.logout'), danger: true }] : []),
        ],
        onClick: ({ key }) => {
          if (key === 'lang-en' || key === 'lang-zh') setLanguage(key === 'lang-en' ? 'en' : 'zh');
          if (key === 'logout') {
            logout()
              .catch((err: unknown) => notify('error', errorMessage(err)))
              .finally(() => {
                // Signed out: the gate shows the login page; cached cluster data is dropped.
                qc.setQueryData(SESSION_KEY, null);
                qc.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
              });
          }
        },
      }}
    >
      <Button data-testid="user-menu" icon={<UserOutlined />} aria-label={t('user.menu')}>
        {name}
      </Button>
    </Dropdown>
  );
}
