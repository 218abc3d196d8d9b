// @pkgjs/parseargs is the Node project's own polyfill of util.parseArgs, in plain JavaScript, so
// the engine bundle for the in-process host parses a command line exactly as Node 20 does.
declare module '@pkgjs/parseargs' {
  export { parseArgs } from 'node:util';
}
