import { describe, expect, it } from 'vitest';
import { compareEventIds } from '@quoteline/protocol/eventIds';
import { compareStreamIds, formatEventId, parseEventId } from './streamIds';

describe('Redis log ids', () => {
  it('are <epoch>:<ms>-<seq>, parsed back; anything else is not ours', () => {
    expect(formatEventId('k3x9', '1700000000000-3')).toBe('k3x9:1700000000000-3');
    expect(parseEventId('k3x9:1700000000000-3')).toEqual({ epoch: 'k3x9', streamId: '1700000000000-3' });
    for (const bad of ['k3x9:42', 'k3x9', ':1-2', 'k3x9:1-2-3', 'a b:1-2', 'k3x9:-1-2', `${'x'.repeat(33)}:1-2`])
      expect(parseEventId(bad)).toBeNull();
  });

  it('order by milliseconds, then sequence, numerically, agreeing with the protocol’s compareEventIds', () => {
    const ids = ['9-5', '10-0', '10-2', '10-10', '1700000000000-0'];
    for (let i = 0; i < ids.length; i++)
      for (let j = 0; j < ids.length; j++) {
        const ours = Math.sign(compareStreamIds(ids[i]!, ids[j]!));
        expect(ours).toBe(Math.sign(i - j));
        expect(Math.sign(compareEventIds(`e:${ids[i]}`, `e:${ids[j]}`)!)).toBe(ours);
      }
    expect(compareStreamIds('junk', '0-0')).toBeLessThan(0);
  });
});
