import { useEffect, useState } from 'preact/hooks';

/** Date.now(), refreshed every `intervalMs` while `running`: a clock that is right whenever the popup opens. */
export function useNow(intervalMs: number, running = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, running]);
  return now;
}
