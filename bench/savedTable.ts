import { mkdirSync, writeFileSync } from 'node:fs';

/** Prints a bench's Markdown table and keeps it as `.data/bench/<name>.md`, for the README. */
export function printAndSave(name: string, table: string): void {
  console.log(`\n${table}\n`);
  mkdirSync('.data/bench', { recursive: true });
  writeFileSync(`.data/bench/${name}.md`, table + '\n');
}
