declare const IIS_LOGON_RIGHTS_VERSION: string | undefined;

/** Baked in by build.mjs; read from package.json when running from source (tests). */
export const VERSION: string =
  typeof IIS_LOGON_RIGHTS_VERSION === 'string'
    ? IIS_LOGON_RIGHTS_VERSION
    : (require('../package.json') as { version: string }).version;
