import type { ReactNode } from 'react';

/** What went wrong with a whole form or action (a refusal, a failed request), announced at once; nothing while all is well. */
export function FormError({ children }: { children?: ReactNode }) {
  if (!children) return null;
  return (
    <p role="alert" className="field-error">
      {children}
    </p>
  );
}
