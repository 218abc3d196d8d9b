import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Official schemas copied into the repository (see test/fixtures/vendor-schemas/SOURCES.md). */
export const VENDOR_SCHEMAS = join(__dirname, '..', 'fixtures', 'vendor-schemas');

export function readVendorSchema(...parts: string[]): Record<string, unknown> {
  return JSON.parse(readFileSync(join(VENDOR_SCHEMAS, ...parts), 'utf8')) as Record<string, unknown>;
}
