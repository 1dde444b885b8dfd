'use client';
import { createContext, useCallback, useContext, useEffect, useId, useRef, useState, type ReactNode } from 'react';

/** What a destructive action asks before it runs. */
export interface Confirmation {
  /** The question, as the dialog's title: "Delete feed:fx?" */
  question: string;
  /** What happens, in a sentence or two. */
  detail: string;
  /** The confirming button's words: "Delete feed". */
  action: string;
}

type Confirm = (ask: Confirmation) => Promise<boolean>;
const ConfirmContext = createContext<Confirm | null>(null);

/** `await confirm({...})`: true when the admin confirmed, false on Cancel or Escape. */
export function useConfirm(): Confirm {
  const confirm = useContext(ConfirmContext);
  if (!confirm) throw new Error('useConfirm needs a ConfirmProvider');
  return confirm;
}

/**
 * One modal `<dialog>` for the console's confirmations instead of
 * `window.confirm`: it says what happens in the console's own type and
 * colours, names the action on its button, and keeps the browser's modal
 * behaviour (focus inside, Escape cancels, the page inert, focus back
 * where it was). Cancel has the focus first: Enter alone never destroys.
 */
export function ConfirmProvider({ children }: { children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const settle = useRef<((ok: boolean) => void) | null>(null);
  const [ask, setAsk] = useState<Confirmation | null>(null);
  const titleId = useId();
  const detailId = useId();

  const confirm = useCallback<Confirm>(
    (next) =>
      new Promise<boolean>((resolve) => {
        settle.current?.(false); // a newer question replaces an open one
        settle.current = resolve;
        setAsk(next);
      }),
    [],
  );
  useEffect(() => {
    if (ask && !dialog.current?.open) dialog.current?.showModal();
  }, [ask]);
  const answer = (ok: boolean) => {
    settle.current?.(ok);
    settle.current = null;
    if (dialog.current?.open) dialog.current.close();
    setAsk(null);
  };

  return (
    <ConfirmContext.Provider value={confirm}>
      {children}
      <dialog
        ref={dialog}
        className="confirm-dialog"
        aria-labelledby={titleId}
        aria-describedby={detailId}
        onClose={() => answer(false)}
      >
        {ask && (
          <>
            <h2 id={titleId}>{ask.question}</h2>
            <p id={detailId}>{ask.detail}</p>
            <div className="confirm-dialog-buttons">
              <button type="button" autoFocus onClick={() => answer(false)}>
                Cancel
              </button>
              <button type="button" className="danger" onClick={() => answer(true)}>
                {ask.action}
              </button>
            </div>
          </>
        )}
      </dialog>
    </ConfirmContext.Provider>
  );
}
