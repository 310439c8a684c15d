/** Evaluation measures for the local models: accuracy, per-label scores, span matching. */
import type { PiiEntity, PiiType } from './pii-types';

export interface LabelScore {
  label: string;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ClassificationReport {
  accuracy: number;
  labels: LabelScore[];
  /** confusion[expected][predicted] = count. */
  confusion: Record<string, Record<string, number>>;
}

const ratio = (num: number, den: number) => (den === 0 ? 1 : num / den);

export function classificationReport(pairs: readonly { expected: string; predicted: string }[]): ClassificationReport {
  const labels = [...new Set(pairs.flatMap((p) => [p.expected, p.predicted]))].sort();
  const confusion: Record<string, Record<string, number>> = {};
  for (const expected of labels) confusion[expected] = Object.fromEntries(labels.map((l) => [l, 0]));
  for (const { expected, predicted } of pairs) confusion[expected]![predicted]! += 1;
  const scores = labels.map((label) => {
    const tp = confusion[label]![label]!;
    const support = pairs.filter((p) => p.expected === label).length;
    const predicted = pairs.filter((p) => p.predicted === label).length;
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    return { label, support, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
  });
  const correct = pairs.filter((p) => p.expected === p.predicted).length;
  return { accuracy: ratio(correct, pairs.length), labels: scores, confusion };
}

export interface SpanCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface SpanScore extends SpanCounts {
  precision: number;
  recall: number;
}

export interface SpanMistakes {
  missed: { type: PiiType; value: string }[];
  spurious: { type: PiiType; value: string }[];
}

/**
 * Compares detections with annotations of one text: a detection is correct when its type
 * matches and its value equals an annotated value (both trimmed); each annotation counts once.
 */
export function matchSpans(
  detected: readonly Pick<PiiEntity, 'type' | 'value'>[],
  expected: readonly { type: PiiType; value: string }[],
): { counts: Map<PiiType, SpanCounts> } & SpanMistakes {
  const counts = new Map<PiiType, SpanCounts>();
  const count = (type: PiiType) => {
    if (!counts.has(type)) counts.set(type, { truePositives: 0, falsePositives: 0, falseNegatives: 0 });
    return counts.get(type)!;
  };
  const remaining = expected.map((e) => ({ type: e.type, value: e.value.trim() }));
  const spurious: SpanMistakes['spurious'] = [];
  for (const d of detected) {
    const i = remaining.findIndex((e) => e.type === d.type && e.value === d.value.trim());
    if (i >= 0) {
      remaining.splice(i, 1);
      count(d.type).truePositives += 1;
    } else {
      count(d.type).falsePositives += 1;
      spurious.push({ type: d.type, value: d.value });
    }
  }
  for (const e of remaining) count(e.type).falseNegatives += 1;
  return { counts, missed: remaining, spurious };
}

export function spanScore(c: SpanCounts): SpanScore {
  return { ...c, precision: ratio(c.truePositives, c.truePositives + c.falsePositives), recall: ratio(c.truePositives, c.truePositives + c.falseNegatives) };
}
