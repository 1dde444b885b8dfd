'use client';
import { useQuery } from '@tanstack/react-query';
import { apiJson } from '@quoteline/client';
import { adminKeys as keys } from './adminApi';
import { ConsoleTable } from './ConsoleTable';

type Entry = { id: string; actor: string; action: string; target: string; at: string };

/** Who changed what and when, newest first as the API lists it. */
export function AuditLog() {
  const { data } = useQuery({ queryKey: keys.audit, queryFn: () => apiJson<{ entries: Entry[] }>('/api/admin/audit') });
  return (
    <section className="admin-section" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      {data?.entries.length === 0 ? (
        <p className="muted">Nothing changed yet.</p>
      ) : (
        <ConsoleTable columns={['When', 'Who', 'What', 'Target']}>
          {data?.entries.map((e) => (
            <tr key={e.id}>
              <td>{new Date(e.at).toLocaleString('en-GB')}</td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              <td>
                <code>{e.target}</code>
              </td>
            </tr>
          ))}
        </ConsoleTable>
      )}
    </section>
  );
}
