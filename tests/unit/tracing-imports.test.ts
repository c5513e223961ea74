import { describe, expect, it } from 'vitest';
import { readSourceTree } from '../helpers/source-tree';

const SDK = /^@opentelemetry\/(?!api$)/;

describe('the tracing SDK', () => {
  const files = [...readSourceTree(['lib', 'components', 'app']).values()];

  it('is imported by lib/observability/tracing.ts alone; the rest use only @opentelemetry/api', () => {
    expect(files.filter((file) => file.packages.some((name) => SDK.test(name))).map((file) => file.path)).toEqual(['lib/observability/tracing.ts']);
  });

  it('is loaded only on demand (a dynamic import), so nothing of it loads without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    const importers = files.filter((file) => file.imports.includes('lib/observability/tracing.ts'));
    expect(importers.map((file) => file.path)).toEqual(['lib/observability/trace.ts']);
    expect(importers[0]!.text).not.toMatch(/from\s+['"]\.\/tracing['"]/);
    expect(importers[0]!.text).toMatch(/await import\('\.\/tracing'\)/);
  });
});
