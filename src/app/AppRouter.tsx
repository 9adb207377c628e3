// Every page has a deep link (console-spec.md §0.3). Pages are split into their own chunks
// so the first route loads only the shell and itself. The declarative router is used
// (not the data router) because it is a third of the size and we load data with react-query.
import { lazy } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useParams } from 'react-router-dom';
import { AppLayout } from './AppLayout';
import { lastNamespace } from './namespace';

const StatefulSetListPage = lazy(() =>
  import('../features/statefulsets/StatefulSetListPage').then((m) => ({ default: m.StatefulSetListPage })),
);
const StatefulSetDetailPage = lazy(() =>
  import('../features/statefulsets/detail/StatefulSetDetailPage').then((m) => ({ default: m.StatefulSetDetailPage })),
);
const PodDetailPage = lazy(() => import('../features/pods/PodDetailPage').then((m) => ({ default: m.PodDetailPage })));
const ResourceListPage = lazy(() =>
  import('../features/resources/ResourceListPage').then((m) => ({ default: m.ResourceListPage })),
);
const ServiceViewPage = lazy(() =>
  import('../features/resources/ServiceViewPage').then((m) => ({ default: m.ServiceViewPage })),
);
const NotFoundPage = lazy(() => import('./NotFoundPage').then((m) => ({ default: m.NotFoundPage })));

function ToTab({ tab }: { tab: string }) {
  const params = useParams();
  const base = params.pod ? `/ns/${params.ns}/pods/${params.pod}` : `/ns/${params.ns}/statefulsets/${params.name}`;
  return <Navigate to={`${base}/${tab}`} replace />;
}

export function AppRouter() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<AppLayout />}>
          <Route index element={<Navigate to={`/ns/${lastNamespace()}/statefulsets`} replace />} />
          <Route path="ns/:ns/statefulsets" element={<StatefulSetListPage />} />
          <Route path="ns/:ns/statefulsets/:name" element={<ToTab tab="resource-status" />} />
          <Route path="ns/:ns/statefulsets/:name/:tab" element={<StatefulSetDetailPage />} />
          <Route path="ns/:ns/pods/:pod" element={<ToTab tab="containers" />} />
          <Route path="ns/:ns/pods/:pod/:tab" element={<PodDetailPage />} />
          <Route path="ns/:ns/services/:svc" element={<ServiceViewPage />} />
          <Route path="ns/:ns/:resource" element={<ResourceListPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
