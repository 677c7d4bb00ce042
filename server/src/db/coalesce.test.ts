import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce';

describe('coalesce', () => {
  it('sends a lone item at once and groups the items that arrive while a call is under way', async () => {
    const calls: number[][] = [];
    let release: () => void = () => {};
    const write = coalesce<number>(async (items) => {
      calls.push(items);
      if (calls.length === 1) await new Promise<void>((r) => (release = r));
    });
    const first = write([1]);
    expect(calls).toEqual([[1]]);
    const later = [write([2]), write([3, 4])];
    expect(calls).toHaveLength(1);
    release();
    await Promise.all([first, ...later]);
    expect(calls).toEqual([[1], [2, 3, 4]]);
    await write([5]);
    expect(calls).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('fails the callers whose items were in a failed call, and only them', async () => {
    let fail = true;
    const write = coalesce<string>(async (items) => {
      if (fail && items.includes('bad')) throw new Error('refusé');
    });
    await expect(write(['bad'])).rejects.toThrow('refusé');
    fail = false;
    await expect(write(['good'])).resolves.toBeUndefined();
  });
});
