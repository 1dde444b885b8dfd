'use client';
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { apiJson } from '@quoteline/client';
import { addInstrumentRequestSchema } from '@quoteline/protocol';
import { Field } from '@/app/Field';
import { FormError } from '@/app/FormError';
import { errorsOf, json, numberOf, useRefresh, validated } from './adminApi';

const EMPTY = { symbol: '', name: '', price: '', decimals: '2', tickSize: '' };

/** Adds an instrument to a feed; every subscriber of the feed sees it at once. */
export function AddInstrument({ slug }: { slug: string }) {
  const refresh = useRefresh();
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: (body: unknown) => apiJson(`/api/admin/feeds/${slug}/instruments`, json('POST', body)),
    onSuccess: () => {
      setForm(EMPTY);
      void refresh();
    },
    onError: (e) => setErrors(errorsOf(e)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = validated(
      addInstrumentRequestSchema,
      {
        symbol: form.symbol.trim(),
        name: form.name,
        price: numberOf(form.price),
        decimals: numberOf(form.decimals),
        ...(form.tickSize.trim() ? { tickSize: numberOf(form.tickSize) } : {}),
      },
      setErrors,
    );
    if (body) add.mutate(body);
  };
  const field = (name: keyof typeof EMPTY, label: string, hint?: string) => (
    <Field
      id={`${slug}-${name}`}
      label={label}
      value={form[name]}
      onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      error={errors[name]}
      autoComplete="off"
      hint={hint}
    />
  );
  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-label={`Add an instrument to ${slug}`}>
      {field('symbol', 'Symbol')}
      {field('name', 'Name')}
      {field('price', 'Price')}
      {field('decimals', 'Decimals', '2 for equities, 4-5 for FX, up to 8')}
      {field('tickSize', 'Tick size', 'Optional, e.g. 0.05')}
      <button type="submit" disabled={add.isPending}>
        Add instrument
      </button>
      <FormError>{errors.form}</FormError>
    </form>
  );
}
