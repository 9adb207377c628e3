// "5m" with the absolute local time on hover (console-spec.md §0.4).
import { Tooltip } from 'antd';
import { absoluteTime, age } from '../k8s/format';

export function RelativeTime({ time, now }: { time?: string; now?: number }) {
  if (!time) return <>—</>;
  return (
    <Tooltip title={absoluteTime(time)}>
      <time dateTime={time}>{age(time, now)}</time>
    </Tooltip>
  );
}
