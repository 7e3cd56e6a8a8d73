// The service's clock. In tests a file can set it (CLOCK_FILE, refused in production), so that an
// end-to-end test advances time to a reminder without waiting for it.
import { readFileSync } from 'node:fs';

export type Clock = () => Date;

export function systemClock(): Clock {
  return () => new Date();
}

/** The instant written in the file (ISO 8601), or the real time while the file is empty or missing. */
export function fileClock(path: string): Clock {
  return () => {
    let text = '';
    try {
      text = readFileSync(path, 'utf8').trim();
    } catch {
      return new Date();
    }
    const set = new Date(text);
    return text && !Number.isNaN(set.getTime()) ? set : new Date();
  };
}
