/** A comma list from a data attribute (`ACME, GLOBX` → ['ACME','GLOBX']); undefined when absent. */
export function listOf(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `light` / `dark` from `data-theme`; anything else follows the reader's preference. */
export function themeOf(value: string | undefined): 'light' | 'dark' | undefined {
  return value === 'light' || value === 'dark' ? value : undefined;
}
