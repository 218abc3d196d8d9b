import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { readRegularFile } from '../../src/io/read-limited';
import { NODE_FILES } from '../../src/io/snapshot';
import { REPO_ROOT } from './cli';

export const ENGINE_BUNDLE = join(REPO_ROOT, 'dist', 'iis-logon-rights.engine.js');

export interface EngineRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

interface EngineGlobal {
  run(requestJson: string, stdin: string, host: unknown): EngineRun;
  version: string;
}

/** A file error as the in-process host reports it: `!CODE message`. */
function failure(error: unknown): string {
  return `!${(error as { code?: string }).code ?? 'EIO'} ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * The host callbacks the PowerShell module gives the engine (see EngineHost in src/engine.ts),
 * written against node:fs, so the bundle can be run here in a bare V8 context: no require,
 * process, Buffer, TextDecoder or TextEncoder, only ECMAScript's own globals, as in Jint.
 */
export const NODE_ENGINE_HOST = {
  stat(path: string): string {
    try {
      const stat = NODE_FILES.stat(path);
      if (stat === undefined) return '=';
      return `=${stat.kind} ${stat.size}${stat.what === undefined ? '' : ` ${stat.what}`}`;
    } catch (error) {
      return failure(error);
    }
  },
  list(folder: string): string {
    try {
      return `=${readdirSync(folder).join('\u0000')}`;
    } catch (error) {
      return failure(error);
    }
  },
  readFile(path: string, limit: number): string {
    try {
      const opened = readRegularFile(path, limit);
      if (opened.kind === 'other') return `=other ${opened.what}`;
      if (opened.bytes === undefined) return `=large ${opened.size}`;
      return `=file ${opened.size} ${Buffer.from(opened.bytes).toString('latin1')}`;
    } catch (error) {
      return failure(error);
    }
  },
  resolve: (path: string) => `=${resolve(path)}`,
  join: (folder: string, name: string) => `=${join(folder, name)}`,
  basename: (path: string) => `=${basename(path)}`,
};

let engine: EngineGlobal | undefined;

/** The engine bundle, loaded once into a context with nothing but ECMAScript's globals. */
export function loadEngineInBareContext(): EngineGlobal {
  if (engine === undefined) {
    const context = createContext({});
    runInContext(readFileSync(ENGINE_BUNDLE, 'utf8'), context, { filename: ENGINE_BUNDLE });
    engine = runInContext('IisLogonRightsEngine', context) as EngineGlobal;
  }
  return engine;
}

export function runEngine(argv: string[], stdin = '', env: Record<string, string> = {}): EngineRun {
  const { exitCode, stdout, stderr } = loadEngineInBareContext().run(
    JSON.stringify({ argv, env }),
    stdin,
    NODE_ENGINE_HOST,
  );
  return { exitCode, stdout, stderr };
}
