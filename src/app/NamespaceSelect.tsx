// Searchable namespace selector with "All namespaces" on top (console-spec.md §0.4). The
// namespace list itself comes from the cluster once one is connected.
import { Select } from 'antd';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ALL_NAMESPACES, lastNamespace, rememberNamespace } from './namespace';

export function NamespaceSelect({ disabled, namespaces = [] }: { disabled: boolean; namespaces?: string[] }) {
  const { t } = useTranslation();
  const params = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const current = params.ns ?? lastNamespace();
  const names = namespaces.includes(current) || current === ALL_NAMESPACES ? namespaces : [current, ...namespaces];
  return (
    <Select
      data-testid="namespace-select"
      aria-label={t('header.namespace')}
      showSearch
      style={{ width: 200 }}
      disabled={disabled}
      value={current}
      options={[
        { value: ALL_NAMESPACES, label: t('header.allNamespaces') },
        ...names.map((n) => ({ value: n, label: n })),
      ]}
      onChange={(ns: string) => {
        rememberNamespace(ns);
        const rest = params.ns ? location.pathname.split('/').slice(3).join('/') : 'statefulsets';
        void navigate(`/ns/${ns}/${rest.split('/')[0] || 'statefulsets'}`);
      }}
    />
  );
}
