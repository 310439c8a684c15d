/**
 * `npm run eval:ai`: measures the embedded `local` provider on the datasets it ships.
 * - classification: naive Bayes trained on the train split of datasets/demandes.json, accuracy
 *   on its test split, per-category scores and the most frequent confusions;
 * - PII detection on datasets/pii.json: precision and recall per entity type (a detection is
 *   correct when its type matches and its value equals an annotated value, both trimmed).
 * Readable figures first; the last line is one JSON object for CI. Exit code 1 when a target
 * is missed.
 *
 * `--classifier=thesaurus` evaluates naive Bayes with municipal-thesaurus features
 * (features.ts) instead of plain `classifyText`; the other one is shown for comparison.
 */
import type { LabelledExample } from '../activities/providers/provider';
import { classifyText, type Classification } from '../activities/providers/local/classifier';
import demandes from '../activities/providers/local/datasets/demandes.json';
import piiDataset from '../activities/providers/local/datasets/pii.json';
import { classificationReport, matchSpans, spanScore, type SpanCounts } from '../activities/providers/local/metrics';
import { classifyWithThesaurus } from '../activities/providers/local/features';
import { detectPii, PII_TYPES, type PiiType } from '../activities/providers/local/pii';

const TARGETS = { classifyAccuracy: 0.85, recall: { nir: 0.98, iban: 0.98, email: 0.98, phone: 0.98 } as Partial<Record<PiiType, number>> };

const pct = (x: number) => `${(x * 100).toFixed(1)} %`.padStart(8);
const round = (x: number) => Math.round(x * 1000) / 1000;

type Classifier = (text: string, examples: readonly LabelledExample[]) => Classification;
const CLASSIFIERS: Record<string, { title: string; classify: Classifier }> = {
  'naive-bayes': { title: 'naive Bayes (classifyText)', classify: classifyText },
  thesaurus: { title: 'naive Bayes + municipal thesaurus features', classify: classifyWithThesaurus },
};
const classifierName = /^--classifier=(.+)$/.exec(process.argv.slice(2).find((a) => a.startsWith('--classifier=')) ?? '')?.[1] ?? 'naive-bayes';
if (!CLASSIFIERS[classifierName]) {
  console.error(`Unknown classifier ${classifierName}: one of ${Object.keys(CLASSIFIERS).join(', ')}`);
  process.exit(2);
}

const train: LabelledExample[] = demandes.examples.filter((e) => e.split === 'train').map(({ text, label }) => ({ text, label }));
const test = demandes.examples.filter((e) => e.split === 'test');

function accuracyOf(classify: Classifier, training: readonly LabelledExample[], testing: readonly LabelledExample[]): number {
  return testing.filter((e) => classify(e.text, training).label === e.label).length / testing.length;
}

/** 5-fold cross-validation on the train split: a second estimate, less dependent on one test split. */
function crossValidation(classify: Classifier, folds = 5): number {
  let total = 0;
  for (let k = 0; k < folds; k++) total += accuracyOf(classify, train.filter((_, i) => i % folds !== k), train.filter((_, i) => i % folds === k));
  return total / folds;
}

function evaluateClassification() {
  const { title, classify } = CLASSIFIERS[classifierName]!;
  const results = test.map((e) => ({ text: e.text, expected: e.label, predicted: classify(e.text, train).label }));
  const report = classificationReport(results);

  console.log(`Classification — ${title} — ${demandes.name}: ${train.length} train, ${test.length} test examples`);
  console.log(`  accuracy on the test split: ${pct(report.accuracy).trim()}   (5-fold cross-validation on train: ${pct(crossValidation(classify)).trim()})`);
  console.log(`  ${'category'.padEnd(20)} ${'support'.padStart(7)} ${'precision'.padStart(9)} ${'recall'.padStart(8)} ${'F1'.padStart(8)}`);
  for (const s of report.labels) console.log(`  ${s.label.padEnd(20)} ${String(s.support).padStart(7)} ${pct(s.precision).padStart(9)} ${pct(s.recall)} ${pct(s.f1)}`);
  const confusions = Object.entries(report.confusion)
    .flatMap(([expected, row]) => Object.entries(row).filter(([predicted, n]) => predicted !== expected && n > 0).map(([predicted, n]) => ({ expected, predicted, n })))
    .sort((a, b) => b.n - a.n);
  console.log(`  confusions: ${confusions.length ? confusions.map((c) => `${c.expected} → ${c.predicted} (${c.n})`).join(', ') : 'none'}`);
  for (const r of results.filter((r) => r.expected !== r.predicted)) console.log(`    ✗ [${r.expected} → ${r.predicted}] ${r.text}`);
  for (const [name, other] of Object.entries(CLASSIFIERS).filter(([name]) => name !== classifierName)) {
    console.log(`  for comparison, ${other.title} (--classifier=${name}): test ${pct(accuracyOf(other.classify, train, test)).trim()}, cross-validation ${pct(crossValidation(other.classify)).trim()}`);
  }
  return report.accuracy;
}

function evaluatePii() {
  const totals = new Map<PiiType, SpanCounts>(PII_TYPES.map((t) => [t, { truePositives: 0, falsePositives: 0, falseNegatives: 0 }]));
  const mistakes: string[] = [];
  for (const sample of piiDataset.texts) {
    const { counts, missed, spurious } = matchSpans(detectPii(sample.text), sample.entities as { type: PiiType; value: string }[]);
    for (const [type, c] of counts) {
      const total = totals.get(type)!;
      total.truePositives += c.truePositives;
      total.falsePositives += c.falsePositives;
      total.falseNegatives += c.falseNegatives;
    }
    for (const m of missed) mistakes.push(`    missed   ${m.type.padEnd(7)} ${JSON.stringify(m.value)}`);
    for (const s of spurious) mistakes.push(`    spurious ${s.type.padEnd(7)} ${JSON.stringify(s.value)} in ${JSON.stringify(sample.text.slice(0, 60))}`);
  }
  console.log(`\nPII detection — ${piiDataset.texts.length} texts`);
  console.log(`  ${'type'.padEnd(8)} ${'expected'.padStart(8)} ${'found'.padStart(6)} ${'precision'.padStart(9)} ${'recall'.padStart(8)}`);
  const scores = {} as Record<PiiType, { precision: number; recall: number }>;
  for (const [type, counts] of totals) {
    const score = spanScore(counts);
    scores[type] = { precision: round(score.precision), recall: round(score.recall) };
    const expected = counts.truePositives + counts.falseNegatives;
    const found = counts.truePositives + counts.falsePositives;
    console.log(`  ${type.padEnd(8)} ${String(expected).padStart(8)} ${String(found).padStart(6)} ${pct(score.precision).padStart(9)} ${pct(score.recall)}`);
  }
  for (const line of mistakes) console.log(line);
  return scores;
}

const accuracy = evaluateClassification();
const pii = evaluatePii();

const missed = [
  ...(accuracy < TARGETS.classifyAccuracy ? [`classification accuracy ${round(accuracy)} < ${TARGETS.classifyAccuracy}`] : []),
  ...Object.entries(TARGETS.recall)
    .filter(([type, target]) => pii[type as PiiType].recall < target)
    .map(([type, target]) => `${type} recall ${pii[type as PiiType].recall} < ${target}`),
];
console.log(missed.length ? `\nTargets missed: ${missed.join('; ')}` : '\nAll targets met.');
console.log(JSON.stringify({ classify_accuracy: round(accuracy), pii }));
if (missed.length) process.exitCode = 1;
