// Container log viewer drawer (console-spec.md §3.3): Pod and container pickers (init
// containers included), Follow, Previous, tail lines, Timestamps, Wrap, search with next /
// previous match, Download `<pod>-<container>.log`, Clear. Lines are virtualized.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Drawer, Input, Select, Space, Switch, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, DownloadOutlined, DownOutlined, UpOutlined } from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { useCluster } from '../../api/hooks';
import type { ContainerStatus, Pod } from '../../k8s/types';
import { findMatches, toText } from './logLines';
import { useLogStream } from './useLogStream';

const TAILS = [100, 500, 1000, 0] as const;

interface Props {
  pods: Pod[];
  pod: string;
  container?: string;
  onClose(): void;
}

function containersOf(pod: Pod | undefined): { name: string; init: boolean; status?: ContainerStatus }[] {
  if (!pod) return [];
  const st = (list: ContainerStatus[] | undefined, n: string) => list?.find((c) => c.name === n);
  return [
    ...(pod.spec?.initContainers ?? []).map((c) => ({ name: c.name, init: true, status: st(pod.status?.initContainerStatuses, c.name) })),
    ...(pod.spec?.containers ?? []).map((c) => ({ name: c.name, init: false, status: st(pod.status?.containerStatuses, c.name) })),
  ];
}

export function LogViewer({ pods, pod: initialPod, container: initialContainer, onClose }: Props) {
  const { t } = useTranslation();
  const cluster = useCluster();
  const [podName, setPodName] = useState(initialPod);
  const pod = pods.find((p) => p.metadata.name === podName);
  const containers = containersOf(pod);
  const [containerChoice, setContainer] = useState(initialContainer);
  const container = containers.find((c) => c.name === containerChoice) ?? containers.find((c) => !c.init) ?? containers[0];
  const [follow, setFollow] = useState(true);
  const [previous, setPrevious] = useState(false);
  const [tail, setTail] = useState<number>(500);
  const [timestamps, setTimestamps] = useState(false);
  const [wrap, setWrap] = useState(false);
  const [query, setQuery] = useState('');
  const [matchAt, setMatchAt] = useState(0);
  const restarted = (container?.status?.restartCount ?? 0) > 0;
  const waiting = container?.status?.state?.waiting;
  const neverStarted = !!waiting && !container?.status?.state?.running && !(container?.status?.restartCount ?? 0);

  const params = useMemo(
    () =>
      container && !neverStarted
        ? { cluster, ns: pod?.metadata.namespace ?? '', pod: podName, container: container.name, follow, previous: previous && restarted, tailLines: tail || undefined }
        : undefined,
    [cluster, pod?.metadata.namespace, podName, container, follow, previous, restarted, tail, neverStarted],
  );
  const stream = useLogStream(params);
  const matches = useMemo(() => findMatches(stream.lines, query), [stream.lines, query]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const [pinned, setPinned] = useState(true);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is a mutable instance; the compiler skips this component, which is fine
  const v = useVirtualizer({
    count: stream.lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 18,
    overscan: 20,
  });
  useEffect(() => {
    if (pinned && stream.lines.length) v.scrollToIndex(stream.lines.length - 1, { align: 'end' });
  }, [pinned, stream.lines.length, v]);
  const goToMatch = (i: number) => {
    if (!matches.length) return;
    const at = (i + matches.length) % matches.length;
    setMatchAt(at);
    setPinned(false);
    v.scrollToIndex(matches[at], { align: 'center' });
  };
  const download = () => {
    const blob = new Blob([toText(stream.lines, timestamps)], { type: 'text/plain' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${podName}-${container?.name ?? 'logs'}.log`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  const matchSet = new Set(matches);
  const current = matches[matchAt];

  return (
    <Drawer open width="min(1100px, 92vw)" title={t('logs.title')} onClose={onClose} data-testid="log-viewer" destroyOnHidden>
      <Space wrap style={{ marginBottom: 8 }}>
        <Select aria-label={t('logs.pod')} data-testid="log-pod" value={podName} style={{ width: 180 }} onChange={(n: string) => { setPodName(n); setContainer(undefined); }} options={pods.map((p) => ({ value: p.metadata.name, label: p.metadata.name }))} />
        <Select aria-label={t('logs.container')} data-testid="log-container" value={container?.name} style={{ width: 180 }} onChange={setContainer} options={containers.map((c) => ({ value: c.name, label: c.init ? `${c.name} (${t('pods.init')})` : c.name }))} />
        <label><Switch size="small" checked={follow} onChange={setFollow} data-testid="log-follow" /> {t('logs.follow')}</label>
        <Tooltip title={restarted ? undefined : t('logs.previousDisabled')}>
          <label><Switch size="small" checked={previous && restarted} disabled={!restarted} onChange={setPrevious} data-testid="log-previous" /> {t('logs.previous')}</label>
        </Tooltip>
        <Select aria-label={t('logs.tail')} data-testid="log-tail" value={tail} style={{ width: 120 }} onChange={setTail} options={TAILS.map((n) => ({ value: n, label: n ? t('logs.tailN', { n }) : t('logs.tailAll') }))} />
        <label><Switch size="small" checked={timestamps} onChange={setTimestamps} data-testid="log-timestamps" /> {t('logs.timestamps')}</label>
        <label><Switch size="small" checked={wrap} onChange={setWrap} data-testid="log-wrap" /> {t('logs.wrap')}</label>
      </Space>
      <Space wrap style={{ marginBottom: 8 }}>
        <Input allowClear placeholder={t('logs.search')} aria-label={t('logs.search')} data-testid="log-search" value={query} onChange={(e) => { setQuery(e.target.value); setMatchAt(0); }} onPressEnter={() => goToMatch(matchAt + 1)} style={{ width: 220 }} />
        <Typography.Text type="secondary" data-testid="log-matches">{query ? t('logs.matches', { i: matches.length ? matchAt + 1 : 0, n: matches.length }) : ''}</Typography.Text>
        <Button size="small" icon={<UpOutlined />} aria-label={t('logs.prevMatch')} onClick={() => goToMatch(matchAt - 1)} disabled={!matches.length} />
        <Button size="small" icon={<DownOutlined />} aria-label={t('logs.nextMatch')} onClick={() => goToMatch(matchAt + 1)} disabled={!matches.length} />
        <Button size="small" icon={<DownloadOutlined />} onClick={download} data-testid="log-download">{t('logs.download')}</Button>
        <Button size="small" onClick={stream.clear}>{t('logs.clear')}</Button>
        <Typography.Text type="secondary" data-testid="log-status">{stream.status === 'reconnecting' ? t('live.reconnecting') : stream.status === 'streaming' ? t('logs.streaming') : ''}</Typography.Text>
      </Space>
      {neverStarted && <Alert type="info" showIcon title={t('logs.waiting', { c: container?.name, reason: waiting?.reason ?? 'Waiting' })} data-testid="log-waiting" />}
      {stream.error && <Alert type="error" showIcon title={stream.error} data-testid="log-error" />}
      <div style={{ position: 'relative' }}>
        <div
          ref={scrollRef}
          data-testid="log-lines"
          tabIndex={0}
          aria-label={t('logs.title')}
          onScroll={(e) => {
            const el = e.currentTarget;
            setPinned(el.scrollHeight - el.scrollTop - el.clientHeight < 24);
          }}
          style={{ height: 'calc(100vh - 250px)', overflow: 'auto', background: '#1e1e1e', color: '#d4d4d4', fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 12, borderRadius: 6, padding: 8 }}
        >
          <div style={{ height: v.getTotalSize(), position: 'relative', minWidth: wrap ? undefined : 'max-content' }}>
            {v.getVirtualItems().map((item) => {
              const l = stream.lines[item.index];
              return (
                <div
                  key={item.key}
                  data-index={item.index}
                  ref={v.measureElement}
                  className="log-line"
                  style={{ position: 'absolute', top: 0, left: 0, right: wrap ? 0 : undefined, transform: `translateY(${item.start}px)`, whiteSpace: wrap ? 'pre-wrap' : 'pre', wordBreak: wrap ? 'break-all' : undefined, lineHeight: '18px', background: item.index === current ? '#614d00' : matchSet.has(item.index) ? '#3a3a1a' : undefined }}
                >
                  {timestamps && l.ts ? <span style={{ color: '#6a9955' }}>{l.ts} </span> : null}
                  {l.text}
                </div>
              );
            })}
          </div>
        </div>
        {!pinned && (
          <Button size="small" type="primary" icon={<ArrowDownOutlined />} style={{ position: 'absolute', right: 16, bottom: 12 }} onClick={() => setPinned(true)} data-testid="log-jump">
            {t('logs.jump')}
          </Button>
        )}
      </div>
    </Drawer>
  );
}
