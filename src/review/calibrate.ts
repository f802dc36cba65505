/**
 * Learning from decisions: analysts' verdicts on transfer claims are labels for the confidence model.
 * A confirmation is a right extraction; a rejection a wrong one; a correction of who or what (supplier,
 * recipient, system, category) a wrong one, of when or how far (status, date, quantity, hedging) a right
 * one read with a detail off. The model is recalibrated, not refitted from scratch (a few hundred verdicts
 * would not support every weight): p' = sigmoid(a · logit(p) + b), fitted on the decisions of most
 * documents and judged on those of the rest, held apart by document so a document never informs its own
 * judgement. Since the model is logistic, the result is again a model of the same form (bias' = a·bias + b,
 * weights' = a·weights), written as a file `ARMSCOPE_CONFIDENCE_MODEL` can name.
 */
import { createHash } from 'node:crypto';
import { ValidationError } from '../errors.js';
import { defaultConfidenceModel, type ConfidenceModel } from '../extract/confidence.js';
import { fitLogistic, logLoss, type Sample } from '../eval/fit.js';
import { reliability, type Bin } from '../eval/labels.js';
import type { Store } from '../store/store.js';
import { byClaim, claimOf } from './decisions.js';

/** Corrections of these fields say the extractor got the claim itself wrong. */
const CLAIM_FIELDS = ['supplier', 'recipient', 'system', 'systemId', 'category'];

export interface Calibration {
  /** Labelled decisions used to fit, and held apart to judge. */
  fitted: number;
  heldOut: number;
  a: number;
  b: number;
  before: { bins: Bin[]; logLoss: number };
  after: { bins: Bin[]; logLoss: number };
  model: ConfidenceModel;
}

const logit = (p: number) => {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
};

/** Whether a document's decisions are held apart: a fixed share of documents, chosen by a hash of the id. */
const heldApart = (documentId: string, share: number) => createHash('sha256').update(documentId).digest()[0] < Math.round(256 * share);

/**
 * @param options.holdout the share of documents whose decisions judge the fit (default 0.25)
 * @example const c = await calibrate(store); c.after.logLoss < c.before.logLoss
 */
export async function calibrate(store: Store, options: { holdout?: number; minimum?: number } = {}): Promise<Calibration> {
  const share = options.holdout ?? 0.25;
  if (!(share > 0 && share < 1)) throw new ValidationError(`holdout must be between 0 and 1, got ${share}`, { field: 'holdout' });
  const claims = byClaim(await store.listDecisions());
  const documents = [...new Set([...claims.values()].map((list) => list[0].documentId))];
  const samples: (Sample & { confidence: number; held: boolean })[] = [];
  for (let i = 0; i < documents.length; i += 200) {
    for (const e of await store.listEvents({ documentIds: documents.slice(i, i + 200), kind: 'transfer' })) {
      const list = claims.get(claimOf(e));
      if (!list) continue;
      const d = list[list.length - 1];
      const label = d.verdict === 'reject' || (d.verdict === 'correct' && Object.keys(d.fields).some((f) => CLAIM_FIELDS.includes(f))) ? 0 : 1;
      samples.push({ features: { logit: logit(e.confidence) }, label, group: e.documentId, confidence: e.confidence, held: heldApart(e.documentId, share) });
    }
  }
  const train = samples.filter((s) => !s.held);
  const test = samples.filter((s) => s.held);
  const minimum = options.minimum ?? 20;
  if (train.length < minimum || !test.length) {
    throw new ValidationError(`calibration needs at least ${minimum} reviewed transfer claims to fit and some held apart; the store has ${train.length} and ${test.length}`,
      { fitted: train.length, heldOut: test.length });
  }
  const fit = fitLogistic(train, { l2: 0.01 });
  const a = fit.weights.logit ?? 0;
  const b = fit.bias;
  const recalibrated = (p: number) => 1 / (1 + Math.exp(-(a * logit(p) + b)));
  const label = (s: Sample) => (s.label ? 'right' as const : 'wrong' as const);
  const identity = { bias: 0, weights: { logit: 1 } };
  const current = defaultConfidenceModel();
  return {
    fitted: train.length, heldOut: test.length, a: round(a), b: round(b),
    before: { bins: reliability(test.map((s) => s.confidence), test.map(label)), logLoss: round(logLoss(identity, test)) },
    after: { bins: reliability(test.map((s) => recalibrated(s.confidence)), test.map(label)), logLoss: round(logLoss(fit, test)) },
    model: {
      bias: round(a * current.bias + b),
      weights: Object.fromEntries(Object.entries(current.weights).map(([k, w]) => [k, round(a * w)])),
      threshold: current.threshold,
      fitted: { by: 'armscope calibrate', from: 'the bundled model, recalibrated on analysts\u2019 decisions', decisions: train.length, heldOut: test.length, a: round(a), b: round(b), at: new Date().toISOString() },
    },
  };
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
