'use client';
import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, apiJson } from '@quoteline/client';
import { accountKeys } from '@quoteline/client/react';
import { sessionRequestSchema } from '@quoteline/protocol';
import { Field } from '@/app/Field';
import { FormError } from '@/app/FormError';

const FIELDS = [
  { name: 'email', label: 'Email', type: 'email', autoComplete: 'username', missing: 'Enter your email address.' },
  {
    name: 'password',
    label: 'Password',
    type: 'password',
    autoComplete: 'current-password',
    missing: 'Enter your password.',
  },
] as const;
type Credentials = Record<(typeof FIELDS)[number]['name'], string>;

/** Email and password, validated before sending; errors say what to do. */
export function SignInForm() {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Credentials>({ email: '', password: '' });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = sessionRequestSchema.safeParse(values);
    if (!parsed.success) {
      const wrong = new Set(parsed.error.issues.map((i) => i.path[0]));
      setFieldErrors(Object.fromEntries(FIELDS.filter((f) => wrong.has(f.name)).map((f) => [f.name, f.missing])));
      return;
    }
    setFieldErrors({});
    setError(null);
    setPending(true);
    try {
      await apiJson('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(parsed.data),
      });
      await queryClient.invalidateQueries({ queryKey: accountKeys.session });
      window.location.assign('/');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Sign-in failed; try again.');
      setPending(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      {FIELDS.map(({ missing: _, ...field }) => (
        <Field
          key={field.name}
          id={field.name}
          {...field}
          value={values[field.name]}
          onChange={(e) => setValues((v) => ({ ...v, [field.name]: e.target.value }))}
          error={fieldErrors[field.name]}
        />
      ))}
      <FormError>{error}</FormError>
      <button type="submit" className="primary" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
