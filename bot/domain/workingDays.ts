// Working days in Denmark: no weekends, no public holidays (from date-holidays, which follows the law:
// Store Bededag is no holiday from 2024). Dates are calendar dates (YYYY-MM-DD) in Copenhagen.
import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { MODEL_ZONE } from './fields';

export class WorkingDays {
  private readonly holidays = new Holidays('DK');
  private readonly cache = new Map<string, boolean>();

  isWorkingDay(date: string): boolean {
    let working = this.cache.get(date);
    if (working === undefined) {
      const day = DateTime.fromISO(date, { zone: MODEL_ZONE });
      const publicHoliday = (this.holidays.isHoliday(day.set({ hour: 12 }).toJSDate()) || []).some((holiday) => holiday.type === 'public');
      working = day.weekday <= 5 && !publicHoliday;
      this.cache.set(date, working);
    }
    return working;
  }

  /** The date itself when it is a working day, else the next one. */
  onOrAfter(date: string): string {
    let day = DateTime.fromISO(date);
    while (!this.isWorkingDay(day.toISODate() ?? '')) day = day.plus({ days: 1 });
    return day.toISODate() ?? date;
  }

  /** `count` working days after (or, negative, before) a date. */
  add(date: string, count: number): string {
    let day = DateTime.fromISO(date);
    const step = count < 0 ? -1 : 1;
    for (let left = Math.abs(count); left > 0; ) {
      day = day.plus({ days: step });
      if (this.isWorkingDay(day.toISODate() ?? '')) left--;
    }
    return day.toISODate() ?? date;
  }
}
