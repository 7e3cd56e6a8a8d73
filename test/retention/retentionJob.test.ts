// The retention job in the dispatcher's process: a pass on start, then on its timer, with the injected clock.
import { describe, expect, it } from 'vitest';
import { openCase } from '../../bot/app/openCase';
import { closeCaseNow } from '../../bot/app/rights';
import { RetentionJob } from '../../bot/retention/retentionJob';
import { COORDINATOR, YOUNG_PERSON, appDeps } from '../app/appFixture';
import { NOW } from '../domain/fixtures';

describe('the retention job', () => {
  it('erases a case closed longer than the period on its first pass, and logs the count only', async () => {
    const clock = { now: NOW };
    const deps = { ...appDeps(), now: () => clock.now };
    const closed = await openCase(deps, COORDINATOR, YOUNG_PERSON);
    await closeCaseNow(deps, COORDINATOR, closed.id, closed.reference);
    const open = await openCase(deps, COORDINATOR, YOUNG_PERSON);
    const logged: Array<Record<string, unknown>> = [];
    const job = new RetentionJob(deps, 7, { info: (fields) => void logged.push(fields), error: (fields) => void logged.push(fields) });

    expect(await job.runOnce()).toBe(0);
    clock.now = new Date(NOW.getTime() + 7 * 24 * 60 * 60 * 1000);
    job.start(60_000);
    await job.stop();

    expect(await deps.store.getCase('tenant-a', closed.id)).toBeUndefined();
    expect(await deps.store.getCase('tenant-a', open.id)).toBeDefined();
    expect(logged).toEqual([{ event: 'retention.erased', cases: 1 }]);
  });
});
