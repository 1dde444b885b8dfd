import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The tape is embedded on third-party pages: it must not drag a chart library along.
describe('ticker tape footprint', () => {
  it('depends on no chart library, directly or through an import', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies).sort()).toEqual([
      '@quoteline/client',
      '@quoteline/protocol',
      '@quoteline/widget-kit',
      'zod',
    ]);
    for (const dir of ['../../widget-kit', '../../../packages/client', '../../../packages/protocol']) {
      const deps = Object.keys(
        (
          JSON.parse(readFileSync(join(__dirname, dir, 'package.json'), 'utf8')) as {
            dependencies?: Record<string, string>;
          }
        ).dependencies ?? {},
      );
      expect(deps.join(','), dir).not.toMatch(/chart/);
    }
    for (const file of readdirSync(__dirname).filter((f) => !f.includes('.test.'))) {
      const source = readFileSync(join(__dirname, file), 'utf8');
      expect(source, file).not.toMatch(/lightweight-charts|@quoteline\/price-chart/);
    }
  });
});
