// A clock that ticks every `ms` so relative ages and time-based states (Unschedulable for
// 60 s, console-spec.md §2.3) re-evaluate without a watch event.
import { useEffect, useState } from 'react';

export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}
