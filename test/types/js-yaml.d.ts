// js-yaml 4 ships no types; the tests use only `load`, whose result they check themselves.
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
