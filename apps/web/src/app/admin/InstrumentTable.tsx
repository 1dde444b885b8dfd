'use client';
import type { Feed } from './adminApi';
import { useConfirm } from './ConfirmDialog';
import { ConsoleTable } from './ConsoleTable';

/** A feed's instruments with a Remove button each; `onRemove` runs once the admin confirmed. */
export function InstrumentTable({ feed, onRemove }: { feed: Feed; onRemove: (symbol: string) => void }) {
  const confirm = useConfirm();
  return (
    <ConsoleTable
      caption={`Instruments of ${feed.name}`}
      hideCaption
      columns={['Symbol', 'Name', 'Price', 'Action']}
      empty={feed.instruments.length === 0 && 'No instruments yet: add one below.'}
    >
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
                if (
                  await confirm({
                    question: `Remove ${i.symbol} from feed:${feed.slug}?`,
                    detail: 'Every widget showing it sees it disappear at once.',
                    action: `Remove ${i.symbol}`,
                  })
                )
                  onRemove(i.symbol);
              }}
            >
              Remove
            </button>
          </td>
        </tr>
      ))}
    </ConsoleTable>
  );
}
