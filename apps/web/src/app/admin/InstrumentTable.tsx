'use client';
import type { Feed } from './adminApi';
import { useConfirm } from './ConfirmDialog';

/** A feed's instruments with a Remove button each; `onRemove` runs once the admin confirmed. */
export function InstrumentTable({ feed, onRemove }: { feed: Feed; onRemove: (symbol: string) => void }) {
  const confirm = useConfirm();
  return (
    <table>
      <caption className="sr-only">Instruments of {feed.name}</caption>
      <thead>
        <tr>
          <th scope="col">Symbol</th>
          <th scope="col">Name</th>
          <th scope="col">Price</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {feed.instruments.length === 0 && (
          <tr>
            <td colSpan={4} className="muted">
              No instruments yet: add one below.
            </td>
          </tr>
        )}
        {feed.instruments.map((i) => (
          <tr key={i.symbol}>
            <th scope="row">{i.symbol}</th>
            <td>{i.name}</td>
            <td>{i.price.toFixed(2)}</td>
            <td>
              <button
                type="button"
                className="link-button"
                aria-label={`Remove ${i.symbol}`}
                onClick={async () => {
                  if (await confirm({ question: `Remove ${i.symbol} from feed:${feed.slug}?`, detail: 'Every widget showing it sees it disappear at once.', action: `Remove ${i.symbol}` })) onRemove(i.symbol);
                }}
              >
                Remove
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
