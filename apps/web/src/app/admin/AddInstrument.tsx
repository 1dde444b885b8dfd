'use client';
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { apiJson } from '@quoteline/client';
import { addInstrumentRequestSchema } from '@quoteline/protocol';
import { Field } from '@/app/Field';
import { FormError } from '@/app/FormError';
import { errorsOf, json, numberOf, useRefresh, validated } from './adminApi';

/** Adds an instrument to a feed; every subscriber of the feed sees it at once. */
export function AddInstrument({ slug }: { slug: string }) {
  const refresh = useRefresh();
  const [form, setForm] = useState({ symbol: '', name: '', price: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: (body: unknown) => apiJson(`/api/admin/feeds/${slug}/instruments`, json('POST', body)),
    onSuccess: () => {
      setForm({ symbol: '', name: '', price: '' });
      void refresh();
    },
    onError: (e) => setErrors(errorsOf(e)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = validated(
      addInstrumentRequestSchema,
      { symbol: form.symbol.trim(), name: form.name, price: numberOf(form.price) },
      setErrors,
    );
    if (body) add.mutate(body);
  };
  const field = (name: 'symbol' | 'name' | 'price', label: string) => (
    <Field
      id={`${slug}-${name}`}
      label={label}
      value={form[name]}
      onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      error={errors[name]}
      autoComplete="off"
    />
  );
  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-label={`Add an instrument to ${slug}`}>
      {field('symbol', 'Symbol')}
      {field('name', 'Name')}
      {field('price', 'Price')}
      <button type="submit" disabled={add.isPending}>
        Add instrument
      </button>
      <FormError>{errors.form}</FormError>
    </form>
  );
}
