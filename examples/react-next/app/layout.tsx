import type { ReactNode } from 'react';

export const metadata = { title: 'Quoteline React example' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', margin: 0, padding: 16, maxWidth: 1100 }}>{children}</body>
    </html>
  );
}
