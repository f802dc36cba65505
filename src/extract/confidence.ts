/**
 * Calibrated confidence: the estimated probability that an extracted transfer is right, from what its rule
 * saw (`EventInput.features`: where each role came from, the cue's role, hedges, distance, ...). A logistic
 * model, p = sigmoid(bias + Σ weight × value), whose weights are data (`data/confidence.json`), fitted by
 * `npm run fit:confidence` on the development set; a feature the file does not name weighs nothing, so a
 * rule may add features before the model is refitted without changing any probability.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CatalogError } from '../errors.js';
import { DATA_DIR } from '../kb/catalog.js';

const probability = z.number().min(0).max(1);

export const ConfidenceModelSchema = z.object({
  bias: z.number(),
  weights: z.record(z.string(), z.number()),
  /** The default `--min-confidence`, chosen on the development set when the model was fitted. */
  threshold: probability,
  /** How and when the weights were fitted (written by the fitting script, shown by nothing): provenance. */
  fitted: z.record(z.string(), z.unknown()).optional(),
});

export type ConfidenceModel = z.infer<typeof ConfidenceModelSchema>;

export const CONFIDENCE_FILE = join(DATA_DIR, 'confidence.json');

/** Reads and validates a model file; a broken file is a `CatalogError` naming it and the field. */
export function loadConfidenceModel(path = CONFIDENCE_FILE): ConfidenceModel {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new CatalogError(`${path}: not readable as JSON`, { path }, { cause });
  }
  const parsed = ConfidenceModelSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CatalogError(`${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`, { path, issues: parsed.error.issues });
  }
  return parsed.data;
}

let bundled: ConfidenceModel | undefined;

/** The model in use, read on first use and kept for the process: the bundled one, or the file ARMSCOPE_CONFIDENCE_MODEL names (`armscope calibrate --out`). */
export function defaultConfidenceModel(): ConfidenceModel {
  bundled ??= loadConfidenceModel(process.env.ARMSCOPE_CONFIDENCE_MODEL || CONFIDENCE_FILE);
  return bundled;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export interface Contribution {
  feature: string;
  value: number;
  weight: number;
  /** weight × value: what the feature adds to the log-odds. */
  contribution: number;
}

/** Each feature's share of the log-odds, largest effect first (ties by name, so the order is stable). */
export function contributions(model: ConfidenceModel, features: Record<string, number>): Contribution[] {
  return Object.entries(features)
    .map(([feature, value]) => {
      const weight = model.weights[feature] ?? 0;
      // `|| 0`: no -0, which JSON would print as 0 and deep equality would tell apart.
      return { feature, value, weight, contribution: weight * value || 0 };
    })
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.feature.localeCompare(b.feature));
}

/**
 * The probability that an event with these features is right, to three decimals (what is stored).
 * @example confidenceOf({ bias: 0, weights: { named: 1 }, threshold: 0 }, { named: 1 }) // 0.731
 */
export function confidenceOf(model: ConfidenceModel, features: Record<string, number>): number {
  let z = model.bias;
  for (const [feature, value] of Object.entries(features)) z += (model.weights[feature] ?? 0) * value;
  return Math.round(sigmoid(z) * 1000) / 1000;
}
