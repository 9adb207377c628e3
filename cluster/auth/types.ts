// Identities and authorization attributes (contract §8), shaped like k8s.io/apiserver's user.Info
// and authorizer.Attributes.

export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

export interface RequestAttributes {
  user: UserInfo;
  /** authorization verb: get, list, watch, create, update, patch, delete, deletecollection, impersonate, ... */
  verb: string;
  resourceRequest: boolean;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  /** empty for create, list, watch and deletecollection (except list/watch pinned by metadata.name) */
  name?: string;
  /** non-resource requests: the URL path */
  path?: string;
}

export const SYSTEM_MASTERS = 'system:masters';
export const ALL_AUTHENTICATED = 'system:authenticated';
export const ALL_UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS_USER = 'system:anonymous';
export const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';
