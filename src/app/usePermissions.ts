// RBAC answers with the translated hover text (api/access.ts does the asking).
import { useTranslation } from 'react-i18next';
import { useAccess, type Access } from '../api/access';
import { ALL_NAMESPACES } from './namespace';

export function usePermissions(ns: string | undefined): Access {
  const { t } = useTranslation();
  return useAccess(
    ns === ALL_NAMESPACES ? undefined : ns,
    (verb, resource, where) => t('rbac.denied', { verb, resource, namespace: where }),
    t('rbac.allNamespaces'),
  );
}
