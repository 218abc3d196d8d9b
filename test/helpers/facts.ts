import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FILES = [
  'secedit.inf',
  'applicationHost.config',
  'MetaBase.xml',
  'gpresult.xml',
  'rsop.json',
  'accounts.json',
  'host.json',
  'webconfigs.json',
];

/** A facts document (schemas/facts.schema.json) from a snapshot folder, as the module would send it. */
export function factsFromFolder(
  folder: string,
  name = 'facts',
): { factsVersion: 1; name: string; files: Record<string, string> } {
  const files: Record<string, string> = {};
  for (const file of FILES) {
    const path = join(folder, file);
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    files[file] =
      bytes[0] === 0xff && bytes[1] === 0xfe
        ? new TextDecoder('utf-16le').decode(bytes)
        : new TextDecoder('utf-8').decode(bytes);
  }
  return { factsVersion: 1, name, files };
}
