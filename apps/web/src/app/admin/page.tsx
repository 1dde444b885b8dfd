import { AdminConsole } from './AdminConsole';
import { LiveConnections } from './LiveConnections';

/** The admin console: feeds, instruments, pause/resume, embed keys and the audit log. */
export default function AdminPage() {
  return (
    <main className="page">
      <AdminConsole />
      <LiveConnections />
    </main>
  );
}
