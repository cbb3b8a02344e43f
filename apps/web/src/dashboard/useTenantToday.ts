import { useEffect, useState } from 'react';
import { todayIn } from '../time/wallClock';

/** Today's date on the tenant's clock, turning over at the tenant's midnight while the page stays open. */
export function useTenantToday(timeZone: string): string {
  const [today, setToday] = useState(() => todayIn(timeZone));
  useEffect(() => {
    const timer = setInterval(() => setToday(todayIn(timeZone)), 60_000);
    return () => clearInterval(timer);
  }, [timeZone]);
  return today;
}
