import { InputError } from '../../src/core/errors';
import type { IisConfiguration } from '../../src/core/model';
import { buildConfiguration, readApplicationHostTree } from '../../src/parse/applicationhost';

// What the streamed reading of applicationHost.config is held to: the element tree's model, or
// its error, message and location alike (applicationhost-streamed and -from-tags tests).

export const APPLICATION_HOST_FILE = 'applicationHost.config';

export type ReadingOutcome = { model: IisConfiguration } | { error: string };

/** The model a reading gives, or its InputError as one comparable string. */
export function outcome(read: () => IisConfiguration): ReadingOutcome {
  try {
    return { model: read() };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { error: `${error.message} ${JSON.stringify(error.location)}` };
  }
}

/** The model read from the whole element tree, as for a file the streamed reading declines. */
export function fromTree(text: string): IisConfiguration {
  const context = { file: APPLICATION_HOST_FILE, diagnostics: [] };
  return buildConfiguration(readApplicationHostTree(text, context), context, undefined);
}
