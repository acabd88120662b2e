import { type FeatureConfig, hashFeatures, weightCount } from './feature-hashing';
import { type LinearModel, predict, type TrainingOptions } from './logistic-regression';
import type { RuleFeatures } from '../statement';

/** Bump when tokenizing or hashing changes, so an old model file is refused rather than misread. */
export const modelVersion = 1;
export const modelFormat = 'claimdesk-check-worthiness';

/** Precision, recall and F1 of the positive class at a threshold. */
export interface ClassificationFigures {
  threshold: number;
  examples: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

/** Cross-validated figures, overall and for each source of labelled sentences. */
export interface CrossValidationFigures extends ClassificationFigures {
  folds: number;
  sentenceList: ClassificationFigures;
  fixtures: ClassificationFigures;
}

/** What the trainer writes: the weights and how they were made. */
export interface CheckWorthinessModelFile {
  format: typeof modelFormat;
  version: number;
  features: FeatureConfig;
  training: {
    options: TrainingOptions;
    size: number;
    positives: number;
    listSentences: number;
    fixtureArticles: number;
    fixtureSentences: number;
    unsegmented: number;
    dataFingerprint: string;
    /** Cross-validation on the training data, articles kept within one fold. */
    crossValidation: CrossValidationFigures;
    /** The final model on its own training data (an optimistic figure). */
    fit: ClassificationFigures;
  };
  bias: number;
  /** Non-zero weights as `[index, weight]`; indices past the hash buckets are the rule features. */
  weights: [number, number][];
}

/** A model ready to score: its feature configuration and dense weights. */
export interface CheckWorthinessModel extends LinearModel {
  features: FeatureConfig;
}

/** Scores one sentence with a model, 0..1. */
export function scoreSentence(model: CheckWorthinessModel, sentence: string, rules: RuleFeatures): number {
  return predict(model, hashFeatures(sentence, rules, model.features));
}

/** The model file's weights, densified; refuses a file of another format or version. */
export function modelFromFile(file: CheckWorthinessModelFile, source: string): CheckWorthinessModel {
  if (file.format !== modelFormat || file.version !== modelVersion) {
    throw new Error(
      `${source} is a check-worthiness model of format ${String(file.format)} version ${String(file.version)}; ` +
        `this code reads ${modelFormat} version ${modelVersion}. Rebuild (npm run build) to retrain it.`,
    );
  }
  const weights = new Float64Array(weightCount(file.features));
  for (const [index, weight] of file.weights) weights[index] = weight;
  return { features: file.features, bias: file.bias, weights };
}
