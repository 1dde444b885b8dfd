import { describe, expect, it } from 'vitest';
import { instrumentOf } from './deskInstrument';

describe('instrumentOf', () => {
  it('reads the symbol and feed a desk URL names', () => {
    expect(instrumentOf('?symbol=EURUSD&feed=fx')).toEqual({ symbol: 'EURUSD', feed: 'fx' });
    expect(instrumentOf('?feed=demo&x=1&symbol=ACME')).toEqual({ symbol: 'ACME', feed: 'demo' });
  });

  it.each([[''], ['?symbol=EURUSD'], ['?feed=fx'], ['?symbol=eurusd&feed=fx'], ['?symbol=EURUSD&feed=FX!']])(
    'names no instrument for %j',
    (search) => {
      expect(instrumentOf(search)).toBeNull();
    },
  );
});
