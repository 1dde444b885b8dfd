import { TraderDesk } from './TraderDesk';

/** The trader page: live quotes for everyone; ticket, portfolio and blotter once signed in. */
export default function TraderPage() {
  return (
    <main className="page page-desk">
      <TraderDesk />
    </main>
  );
}
