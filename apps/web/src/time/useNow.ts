import { useEffect, useState } from 'react';

function currentTime(): number {
  return Date.now();
}

/** The current time, re-rendering every `intervalMs` so relative times ("há 5 min") stay true. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(currentTime);
  useEffect(() => {
    const timer = setInterval(() => setNow(currentTime()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
