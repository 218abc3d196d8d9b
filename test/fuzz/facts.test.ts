import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Snapshot } from '../../src/core/model';
import { judgeSnapshot } from '../../src/core/judge-snapshot';
import { buildPlan } from '../../src/core/plan';
import { loadFactsDocument } from '../../src/io/snapshot';
import { decodeText } from '../../src/parse/decode';
import { renderExplanation } from '../../src/render/explain';
import { buildResultDocument } from '../../src/render/result-document';
import { renderFindingsTable } from '../../src/render/findings-table';
import { REPO_ROOT } from '../helpers/cli';
import { checkAccountDirectory, checkGroupPolicyResult, checkIisConfiguration, checkSecurityTemplate } from './checks';
import { decodeLoosely } from './encoding';
import { generatedFacts } from './generators';
import { mutatedJsonValues, mutatedSeeds, runFuzz, type FuzzCase, type FuzzTarget, type Seed } from './harness';
import { applyMutations, describeMutations, mutationListArbitrary, type DocumentFormat } from './mutations';

/**
 * The facts document on stdin (`--snapshot -`): one JSON document carrying every artifact. Cases
 * break the JSON itself, its shape, and the artifacts inside it; an accepted snapshot must also
 * go through the engine and every renderer, since that is what the CLI does next.
 */

const LABEL = 'stdin';

type Files = Record<string, unknown>;

function inlineText(path: string): string {
  return decodeText(readFileSync(path), path).text;
}

/** Each example snapshot as a facts document, JSON artifacts once as text and once as values. */
function exampleFacts(): { origin: string; value: unknown }[] {
  const root = join(REPO_ROOT, 'examples', 'snapshots');
  const facts: { origin: string; value: unknown }[] = [];
  for (const name of readdirSync(root).sort()) {
    const folder = join(root, name);
    if (!existsSync(join(folder, 'secedit.inf'))) continue;
    for (const jsonAsValue of [false, true]) {
      const files: Files = {};
      for (const file of [
        'secedit.inf',
        'applicationHost.config',
        'MetaBase.xml',
        'gpresult.xml',
        'rsop.json',
        'accounts.json',
        'host.json',
      ]) {
        if (!existsSync(join(folder, file))) continue;
        const text = inlineText(join(folder, file));
        files[file] = jsonAsValue && file.endsWith('.json') ? (JSON.parse(text) as unknown) : text;
      }
      facts.push({
        origin: `examples/snapshots/${name} as facts${jsonAsValue ? ' (JSON as values)' : ''}`,
        value: { factsVersion: 1, name, files },
      });
    }
  }
  return facts;
}

const FORMAT_OF: Record<string, DocumentFormat> = {
  'secedit.inf': 'inf',
  'applicationHost.config': 'xml',
  'MetaBase.xml': 'xml',
  'gpresult.xml': 'xml',
  'rsop.json': 'json',
  'accounts.json': 'json',
  'host.json': 'json',
};

/** One artifact inside the document mutated as its own bytes, then carried as a JSON string. */
function mutatedArtifact(facts: fc.Arbitrary<{ origin: string; value: unknown }>): fc.Arbitrary<FuzzCase> {
  return fc.tuple(facts, fc.nat(), mutationListArbitrary).map(([{ origin, value }, pick, mutations]) => {
    const document = structuredClone(value) as { files: Files };
    const names = Object.keys(document.files).filter((name) => typeof document.files[name] === 'string');
    const name = names[pick % names.length]!;
    const { bytes } = applyMutations(
      Buffer.from(document.files[name] as string, 'utf8'),
      mutations,
      FORMAT_OF[name] ?? 'json',
    );
    document.files[name] = decodeLoosely(bytes).text;
    const text = JSON.stringify(document);
    return Object.assign(
      {
        origin,
        seed: undefined,
        mutations: `${name}: ${describeMutations(mutations)}`,
        bytes: Buffer.from(text, 'utf8'),
        preserving: false,
      },
      { [fc.toStringMethod]: () => `{ origin: ${origin}, ${name}: ${describeMutations(mutations).slice(0, 2000)} }` },
    );
  });
}

/** The text of an inline artifact as the loader decodes it, for checking reported lines. */
function artifactText(bytes: Uint8Array, name: string): string {
  const document = JSON.parse(decodeText(bytes, LABEL).text.replace(/^\uFEFF/, '')) as { files: Files };
  const content = document.files[name];
  return typeof content === 'string' ? decodeText(Buffer.from(content, 'utf8'), name).text : '';
}

const target: FuzzTarget<Snapshot> = {
  name: 'facts document (stdin)',
  label: LABEL,
  namesInside: true,
  parse: (bytes, label) => loadFactsDocument(bytes, label),
  checkModel: (snapshot, bytes) => {
    checkSecurityTemplate(snapshot.localPolicy, artifactText(bytes, 'secedit.inf'));
    checkIisConfiguration(snapshot.iis, artifactText(bytes, snapshot.iis.format));
    for (const result of snapshot.groupPolicy)
      checkGroupPolicyResult(result, result.kind === 'rsop' ? undefined : artifactText(bytes, 'gpresult.xml'));
    if (snapshot.accounts !== null) checkAccountDirectory(snapshot.accounts);
    // What the CLI does with an accepted snapshot must not fail either, under either rule set.
    for (const ruleSet of ['documented', 'conservative'] as const) {
      const { evaluation, policy } = judgeSnapshot(snapshot, { ruleSet, withGpo: [] });
      JSON.stringify(buildResultDocument(snapshot.name, evaluation, []));
      renderFindingsTable(snapshot.name, evaluation, { color: false });
      renderExplanation(snapshot.name, evaluation, policy, { color: false });
      buildPlan(evaluation, policy, { allowTemporaryFix: ruleSet === 'conservative' });
    }
  },
};

describe('fuzz: facts document on stdin', () => {
  it('mutated example and generated facts documents give a snapshot the engine can judge, or a located InputError', () => {
    const examples = exampleFacts();
    const seeds: Seed[] = examples.map(({ origin, value }) => ({
      origin,
      bytes: Buffer.from(JSON.stringify(value, null, 2), 'utf8'),
    }));
    const values = fc.oneof(fc.constantFrom(...examples), generatedFacts);
    runFuzz(target, fc.oneof(mutatedSeeds(seeds, 'json'), mutatedJsonValues(values), mutatedArtifact(values)));
  });
});
