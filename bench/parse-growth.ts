/**
 * `npm run bench`, first part: how the applicationHost.config parser's time grows with the size
 * of two shapes that a quadratic lookup would make slow (many sites with a location tag each;
 * many location tags on one path and many directories under a deep application). Four times the
 * input should take about four times as long; a quadratic step would take about sixteen.
 * This used to be a ratio assertion inside `npm test`, where a loaded machine made it fail.
 */
import { performance } from 'node:perf_hooks';
import { parseApplicationHostConfig } from '../src/parse/applicationhost';
import { hostileShapesDocument, manySitesDocument } from '../test/helpers/applicationhost-shapes';

// Linear growth is 4x and quadratic 16x; 8x is halfway between them on a log scale.
const TARGET_GROWTH = 8;
const RUNS = 5;

function medianParseMs(text: string): number {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    parseApplicationHostConfig(text, 'growth.config');
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

const shapes = [
  { label: 'sites with a location tag each', build: manySitesDocument, small: 5000 },
  { label: 'hostile shapes (tags on one path, deep directories)', build: hostileShapesDocument, small: 2500 },
];

const lines: string[] = [];
let missed = 0;
for (const shape of shapes) {
  medianParseMs(shape.build(shape.small / 2)); // warm up the JIT
  const small = medianParseMs(shape.build(shape.small));
  const large = medianParseMs(shape.build(shape.small * 4));
  const growth = large / small;
  if (growth > TARGET_GROWTH) missed++;
  lines.push(
    `${shape.label}: ${shape.small.toLocaleString('en-US')} -> ${(shape.small * 4).toLocaleString('en-US')}: ${small.toFixed(0)} ms -> ${large.toFixed(0)} ms, growth ${growth.toFixed(2)}x (target <= ${TARGET_GROWTH}x)${growth > TARGET_GROWTH ? '  MISSED' : ''}`,
  );
}
process.stdout.write(
  `applicationHost.config parse growth (median of ${RUNS} runs, 4x the input)\n${lines.join('\n')}\n${missed === 0 ? 'growth targets met' : `${missed} growth target(s) missed`}\n\n`,
);
