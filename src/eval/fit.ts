/**
 * Logistic regression with an L2 penalty, by plain full-batch gradient descent: the data is a few hundred
 * events with a few dozen 0–1 features, so nothing cleverer (or any dependency) is needed, and the result
 * is deterministic. The bias is not penalised: it carries the base rate.
 */

export interface Sample {
  features: Record<string, number>;
  label: 0 | 1;
  /** How much the sample counts (default 1): the mentions of one exported row share one unit. */
  weight?: number;
  /** What the sample belongs to (a document), for grouped cross-validation. */
  group?: string;
}

export interface FitOptions {
  /** Strength of the penalty on the weights (λ in Σ wᵢ·loss + λ/2·‖w‖²). */
  l2: number;
  iterations?: number;
  rate?: number;
}

export interface Fitted {
  bias: number;
  weights: Record<string, number>;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function predict(model: Fitted, features: Record<string, number>): number {
  let z = model.bias;
  for (const [f, v] of Object.entries(features)) z += (model.weights[f] ?? 0) * v;
  return sigmoid(z);
}

/**
 * Fits bias and weights minimising the weighted log-loss plus λ/2·‖w‖², both divided by the total weight.
 * @example fitLogistic([{ features: { a: 1 }, label: 1 }, { features: {}, label: 0 }], { l2: 1 }).weights.a > 0 // true
 */
export function fitLogistic(samples: Sample[], options: FitOptions): Fitted {
  const names = [...new Set(samples.flatMap((s) => Object.keys(s.features)))].sort();
  const index = new Map(names.map((n, k) => [n, k]));
  const rows = samples.map((s) => ({ x: Object.entries(s.features).map(([f, v]) => [index.get(f)!, v] as const), y: s.label, w: s.weight ?? 1 }));
  const total = rows.reduce((a, r) => a + r.w, 0) || 1;
  const w = new Float64Array(names.length);
  let b = 0;
  // A safe step: the loss's curvature is at most ¼·max‖x‖² (+ λ/total), the features being 0–1.
  const widest = Math.max(1, ...rows.map((r) => 1 + r.x.reduce((a, [, v]) => a + v * v, 0)));
  const rate = options.rate ?? 1 / (widest / 4 + options.l2 / total);
  const grad = new Float64Array(names.length);
  for (let it = 0; it < (options.iterations ?? 20_000); it++) {
    grad.fill(0);
    let gb = 0;
    for (const r of rows) {
      let z = b;
      for (const [k, v] of r.x) z += w[k] * v;
      const err = r.w * (sigmoid(z) - r.y);
      gb += err;
      for (const [k, v] of r.x) grad[k] += err * v;
    }
    let size = gb * gb;
    for (let k = 0; k < w.length; k++) {
      grad[k] += options.l2 * w[k];
      size += grad[k] * grad[k];
    }
    if (Math.sqrt(size) / total < 1e-9) break;
    b -= (rate * gb) / total;
    for (let k = 0; k < w.length; k++) w[k] -= (rate * grad[k]) / total;
  }
  return { bias: b, weights: Object.fromEntries(names.map((n, k) => [n, w[k]])) };
}

/** Mean weighted log-loss of a model on samples (lower is better). */
export function logLoss(model: Fitted, samples: Sample[]): number {
  let sum = 0;
  let total = 0;
  for (const s of samples) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, predict(model, s.features)));
    sum += (s.weight ?? 1) * -(s.label ? Math.log(p) : Math.log(1 - p));
    total += s.weight ?? 1;
  }
  return total ? sum / total : 0;
}

/**
 * Out-of-fold predictions: each group's samples predicted by a model fitted without that group's fold
 * (groups dealt round-robin, in sorted order, into `folds` folds).
 */
export function crossValidate(samples: Sample[], options: FitOptions, folds = 5): number[] {
  const groups = [...new Set(samples.map((s) => s.group ?? ''))].sort();
  const foldOf = new Map(groups.map((g, k) => [g, k % folds]));
  const out = new Array<number>(samples.length).fill(0);
  for (let f = 0; f < folds; f++) {
    const model = fitLogistic(samples.filter((s) => foldOf.get(s.group ?? '') !== f), options);
    samples.forEach((s, i) => { if (foldOf.get(s.group ?? '') === f) out[i] = predict(model, s.features); });
  }
  return out;
}
