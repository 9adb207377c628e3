// Every page has a deep link (console-spec.md §0.3). Pages are split into their own chunks
// so the first route loads only the shell and itself. The declarative router is used
// (not the data router) because it is a third of the size and we load data with react-query.
import { lazy } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AppLayout } from './AppLayout';
import { lastNamespace } from './namespace';

const StatefulSetListPage = lazy(() =>
  import('../features/statefulsets/StatefulSetListPage').then((m) => ({ default: m.StatefulSetListPage })),
);
const NotFoundPage = lazy(() => import('./NotFoundPage').then((m) => ({ default: m.NotFoundPage })));

export function AppRouter() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<AppLayout />}>
          <Route index element={<Navigate to={`/ns/${lastNamespace()}/statefulsets`} replace />} />
          <Route path="ns/:ns/statefulsets" element={<StatefulSetListPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
