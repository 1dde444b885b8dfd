import { useState } from 'react';
import { ApiError, cancelOrder } from '@quoteline/client';

/** Cancelling a resting order from the blotter: which order is being cancelled, and the last refusal in words. */
export interface CancelOrder {
  cancel: (orderId: string) => Promise<void>;
  cancelling: string | null;
  error: string | null;
}

/** Cancels one order at a time; the order's new status arrives on the stream, so only the request's state is kept here. */
export function useCancelOrder(): CancelOrder {
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<string | null>(null);
  const cancel = async (orderId: string) => {
    setCancelling(orderId);
    setError(null);
    try {
      await cancelOrder(orderId);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not cancel the order; try again.');
    } finally {
      setCancelling(null);
    }
  };
  return { cancel, cancelling, error };
}
