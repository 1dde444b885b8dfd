/**
 * Props equal by value: a parent passing a fresh `symbols={['ACME']}` array on
 * every render does not re-render the widget (props are plain JSON values).
 */
export function sameProps<P extends object>(a: P, b: P): boolean {
  const keys = Object.keys(a) as (keyof P)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => a[k] === b[k] || JSON.stringify(a[k]) === JSON.stringify(b[k]));
}
