import fc from 'fast-check';

/**
 * Structural mutations of a JSON document: a value anywhere in the tree replaced, removed,
 * given an extra property (including `__proto__`), nested deeply or made huge. Byte mutations
 * mostly produce invalid JSON; these reach the schema checks and the code behind them.
 */

export type JsonMutation =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'remove'; at: number }
  | { kind: 'add-property'; at: number; key: string; value: unknown }
  | { kind: 'nest'; at: number; depth: number }
  | { kind: 'huge-string'; at: number; length: number };

const SCALE = 1_000_000;
const position = fc.nat({ max: SCALE - 1 });

const interestingValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    '',
    ' ',
    'S-1-5-32-544',
    '*S-1-5-32-544',
    's-1-5-11',
    'S-1-5-21-4294967296-1',
    'S-1-0x000000000005-32-544',
    'S-1-',
    'SeNetworkLogonRight',
    'SeDenyNetworkLogonRight',
    'senetworklogonright',
    'LocalGPO',
    '{31B2F340-016D-11D2-945F-00C04FB984F9}',
    'CN={31B2F340-016D-11D2-945F-00C04FB984F9},CN=Policies,CN=System,DC=x',
    '__proto__',
    'constructor',
    '\u0000',
    '\uFEFF',
    '\uD800',
    'line\nbreak',
    -1,
    0,
    1,
    2,
    4294967295,
    4294967296,
    1.5,
    1e308,
    null,
    true,
    false,
    [],
    {},
    [null],
    { accounts: null },
  ),
  fc.jsonValue({ maxDepth: 3 }),
);

const propertyName = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    '$schema',
    'extra',
    '',
    'right',
    'sid',
    'accounts',
    'files',
    'actions',
  ),
  fc.string({ maxLength: 12 }),
);

export const jsonMutationArbitrary: fc.Arbitrary<JsonMutation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .record({ at: position, value: interestingValue })
      .map((r): JsonMutation => ({ kind: 'replace', ...r })),
  },
  { weight: 3, arbitrary: position.map((at): JsonMutation => ({ kind: 'remove', at })) },
  {
    weight: 3,
    arbitrary: fc
      .record({ at: position, key: propertyName, value: interestingValue })
      .map((r): JsonMutation => ({ kind: 'add-property', ...r })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ at: position, depth: fc.constantFrom(10, 1_000, 50_000) })
      .map((r): JsonMutation => ({ kind: 'nest', ...r })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ at: position, length: fc.constantFrom(1_000, 200_000, 2_000_000) })
      .map((r): JsonMutation => ({ kind: 'huge-string', ...r })),
  },
);

export const jsonMutationListArbitrary = fc.array(jsonMutationArbitrary, { minLength: 1, maxLength: 3 });

interface Slot {
  parent: unknown[] | Record<string, unknown>;
  key: string | number;
}

/** Every slot holding a value, in document order (the root has none and is never replaced). */
function slotsOf(root: unknown): Slot[] {
  const slots: Slot[] = [];
  const pending: unknown[] = [root];
  while (pending.length > 0 && slots.length < 100_000) {
    const value = pending.pop();
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        slots.push({ parent: value, key: index });
        pending.push(item);
      });
    } else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        slots.push({ parent: record, key });
        pending.push(record[key]);
      }
    }
  }
  return slots;
}

/** Containers (objects and arrays), the root included. */
function containersOf(root: unknown): (unknown[] | Record<string, unknown>)[] {
  const found: (unknown[] | Record<string, unknown>)[] = [];
  const pending: unknown[] = [root];
  while (pending.length > 0 && found.length < 100_000) {
    const value = pending.pop();
    if (Array.isArray(value)) {
      found.push(value);
      pending.push(...value);
    } else if (typeof value === 'object' && value !== null) {
      found.push(value as Record<string, unknown>);
      pending.push(...Object.values(value as Record<string, unknown>));
    }
  }
  return found;
}

/** Assigns as JSON.parse would: `__proto__` becomes an own property, never the prototype. */
function setOwn(target: unknown[] | Record<string, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

function deepArray(depth: number): unknown {
  let value: unknown = [];
  for (let level = 1; level < depth; level++) value = [value];
  return value;
}

export function applyJsonMutations(document: unknown, mutations: readonly JsonMutation[]): unknown {
  let root: unknown = structuredClone(document);
  for (const mutation of mutations) root = applyJsonMutation(root, mutation);
  return root;
}

function pick<T>(items: readonly T[], at: number): T | undefined {
  return items[Math.floor((at / SCALE) * items.length)];
}

function applyJsonMutation(root: unknown, mutation: JsonMutation): unknown {
  switch (mutation.kind) {
    case 'replace': {
      const slot = pick(slotsOf(root), mutation.at);
      if (slot === undefined) return structuredClone(mutation.value);
      setOwn(slot.parent, slot.key, structuredClone(mutation.value));
      return root;
    }
    case 'remove': {
      const slot = pick(slotsOf(root), mutation.at);
      if (slot === undefined) return root;
      if (Array.isArray(slot.parent)) slot.parent.splice(Number(slot.key), 1);
      else delete slot.parent[slot.key];
      return root;
    }
    case 'add-property': {
      const container = pick(containersOf(root), mutation.at);
      if (container === undefined) return root;
      if (Array.isArray(container)) container.push(structuredClone(mutation.value));
      else setOwn(container, mutation.key, structuredClone(mutation.value));
      return root;
    }
    case 'nest': {
      const slot = pick(slotsOf(root), mutation.at);
      if (slot === undefined) return deepArray(mutation.depth);
      setOwn(slot.parent, slot.key, deepArray(mutation.depth));
      return root;
    }
    case 'huge-string': {
      const slot = pick(slotsOf(root), mutation.at);
      const value = 'S-1-5-'.repeat(Math.ceil(mutation.length / 6)).slice(0, mutation.length);
      if (slot === undefined) return value;
      setOwn(slot.parent, slot.key, value);
      return root;
    }
  }
}

/** JSON.stringify cannot write a 50,000-deep array (it recurses); write the text directly then. */
export function stringifyJson(value: unknown, indent: number | string): string {
  try {
    return JSON.stringify(value, null, indent);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return writeIteratively(value);
  }
}

/** A literal piece of output on the writer's stack (as opposed to a value still to write). */
class Punctuation {
  constructor(readonly text: string) {}
}

function writeIteratively(value: unknown): string {
  const parts: string[] = [];
  // Popped in output order, so each container pushes its pieces last-first.
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (item instanceof Punctuation) {
      parts.push(item.text);
    } else if (Array.isArray(item)) {
      parts.push('[');
      pending.push(new Punctuation(']'));
      for (let index = item.length - 1; index >= 0; index--) {
        pending.push(item[index]);
        if (index > 0) pending.push(new Punctuation(','));
      }
    } else if (typeof item === 'object' && item !== null) {
      const entries = Object.entries(item as Record<string, unknown>);
      parts.push('{');
      pending.push(new Punctuation('}'));
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, child] = entries[index]!;
        pending.push(child);
        pending.push(new Punctuation(`${index > 0 ? ',' : ''}${JSON.stringify(key)}:`));
      }
    } else {
      parts.push(JSON.stringify(item) ?? 'null');
    }
  }
  return parts.join('');
}
