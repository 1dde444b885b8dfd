import { describe, expect, it } from 'vitest';
import { holdExitUntil } from './exitHold';

describe('holdExitUntil', () => {
  it('lets an exit called meanwhile happen only once the work is done', async () => {
    const exits: unknown[] = [];
    const proc = { exit: ((code?: number) => void exits.push(code)) as unknown as NodeJS.Process['exit'] };
    let finish!: () => void;
    const work = new Promise<void>((r) => (finish = r));
    holdExitUntil(work, { proc });
    proc.exit(143);
    await new Promise((r) => setTimeout(r, 10));
    expect(exits).toEqual([]);
    finish();
    await new Promise((r) => setTimeout(r, 0));
    expect(exits).toEqual([143]);
  });

  it('does not wait past maxMs, nor for failed work forever', async () => {
    const exits: unknown[] = [];
    const proc = { exit: ((code?: number) => void exits.push(code)) as unknown as NodeJS.Process['exit'] };
    holdExitUntil(new Promise(() => undefined), { proc, maxMs: 20 });
    proc.exit(1);
    await new Promise((r) => setTimeout(r, 60));
    expect(exits).toEqual([1]);
  });
});
