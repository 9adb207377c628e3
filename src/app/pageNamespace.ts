import { useParams } from 'react-router-dom';
import { ALL_NAMESPACES } from './namespace';

/** The route's namespace: `ns` for links and texts, `apiNs` for API calls (undefined = all). */
export function usePageNamespace(): { ns: string; apiNs: string | undefined; all: boolean } {
  const { ns = 'default' } = useParams();
  const all = ns === ALL_NAMESPACES;
  return { ns, apiNs: all ? undefined : ns, all };
}
