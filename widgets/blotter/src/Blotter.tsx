'use client';
import { useId } from 'react';
import { useAccount } from '@quoteline/client/react';
import { StreamStatus, WidgetFrame } from '@quoteline/widget-kit';
import type { WidgetLook } from '@quoteline/widget-kit';
import { z } from 'zod';
import { FillsTable } from './FillsTable';
import { OrdersTable } from './OrdersTable';
import { useCancelOrder } from './useCancelOrder';

/** Configuration of a blotter. */
export const blotterConfigSchema = z.object({
  accountId: z.string().min(1),
  title: z.string().max(80).default('Orders and fills'),
  rows: z.number().int().min(1).max(200).default(20),
});

const css = `
.ql-blotter h3{font-size:13px;margin:12px 0 4px;color:var(--qli-muted)}
.ql-blotter td button{padding:2px 8px;font-size:13px}
.ql-blotter [data-status="filled"]{color:var(--qli-up)}
.ql-blotter [data-status="rejected"],.ql-blotter [data-status="cancelled"]{color:var(--qli-muted)}
@container (max-width: 599px){.ql-blotter .ql-minor{display:none}.ql-blotter td{white-space:normal}}
`;

/** The account's orders and fills, live, newest first; resting orders can be cancelled. */
export function Blotter(
  props: Partial<z.input<typeof blotterConfigSchema>> & { accountId: string } & Omit<WidgetLook, 'locale'>,
) {
  const config = blotterConfigSchema.parse(props);
  const { account, error } = useAccount(config.accountId);
  const id = useId();
  const cancel = useCancelOrder();

  return (
    <WidgetFrame look={props} css={css} className="ql-blotter" aria-labelledby={`${id}-title`} data-testid="blotter">
      <header>
        <h2 id={`${id}-title`}>{config.title}</h2>
        <StreamStatus />
      </header>
      {error && <p className="ql-error">Could not load your orders: {error.message}</p>}
      {cancel.error && (
        <p className="ql-error" role="alert">
          {cancel.error}
        </p>
      )}
      <OrdersTable id={`${id}-orders`} orders={account?.orders} rows={config.rows} cancel={cancel} />
      <FillsTable id={`${id}-fills`} fills={account?.fills} rows={config.rows} />
    </WidgetFrame>
  );
}
