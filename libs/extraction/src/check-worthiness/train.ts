// Trains the check-worthiness model at build time, from labelled data the
// repository ships (training-data.ts): hashed n-grams, cue classes and rule
// features (feature-hashing.ts) into an L2 logistic regression with a fixed
// seed and epoch count (logistic-regression.ts), so the same data always
// gives the same model file. scripts/build.js writes it beside the compiled
// loader; test/global-setup.js copies it beside the sources for jest.
import fs from 'node:fs';
import path from 'node:path';
import {
  type CheckWorthinessModel,
  type CheckWorthinessModelFile,
  type ClassificationFigures,
  type CrossValidationFigures,
  modelFormat,
  modelVersion,
} from './check-worthiness-model';
import { type FeatureConfig, featureConfig, hashFeatures, type SparseVector, weightCount } from './feature-hashing';
import {
  predict,
  seededRandom,
  shuffled,
  trainLogisticRegression,
  type TrainingOptions,
  trainingOptions,
} from './logistic-regression';
import { ruleFeatures } from './rule-features';
import { fixtureGroupPrefix, type LabelledSentence, loadTrainingData, type TrainingData } from './training-data';

const crossValidationFolds = 5;
const threshold = 0.5;

/** A labelled sentence as the model sees it. */
interface Example {
  vector: SparseVector;
  label: 0 | 1;
  group: string;
}

function vectorize(examples: readonly LabelledSentence[], config: FeatureConfig): Example[] {
  return examples.map(({ sentence, label, group }) => ({
    vector: hashFeatures(sentence, ruleFeatures(sentence), config),
    label,
    group,
  }));
}

function fit(examples: readonly Example[], config: FeatureConfig, options: TrainingOptions): CheckWorthinessModel {
  const linear = trainLogisticRegression(
    examples.map(({ vector }) => vector),
    examples.map(({ label }) => label),
    weightCount(config),
    options,
  );
  return { ...linear, features: config };
}

/** Trains on labelled sentences: a pure function of its input, the configuration and the fixed options. */
export function trainModel(
  examples: readonly LabelledSentence[],
  config: FeatureConfig = featureConfig,
  options: TrainingOptions = trainingOptions,
): CheckWorthinessModel {
  return fit(vectorize(examples, config), config, options);
}

/** Precision, recall and F1 of the positive class for scored examples, at the threshold. */
function figures(scored: readonly { score: number; label: 0 | 1 }[]): ClassificationFigures {
  let [tp, fp, fn, tn] = [0, 0, 0, 0];
  for (const { score, label } of scored) {
    const positive = score >= threshold;
    if (positive && label === 1) tp++;
    else if (positive) fp++;
    else if (label === 1) fn++;
    else tn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const round = (value: number): number => Math.round(value * 10000) / 10000;
  return {
    threshold,
    examples: scored.length,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    trueNegatives: tn,
    precision: round(precision),
    recall: round(recall),
    f1: round(f1),
    accuracy: round((tp + tn) / Math.max(1, scored.length)),
  };
}

function crossValidateExamples(
  examples: readonly Example[],
  folds: number,
  config: FeatureConfig,
  options: TrainingOptions,
): CrossValidationFigures {
  const groups = shuffled([...new Set(examples.map(({ group }) => group))], seededRandom(options.seed + 1));
  const foldOf = new Map(groups.map((group, index) => [group, index % folds]));
  const scored: { score: number; label: 0 | 1; fixture: boolean }[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const model = fit(
      examples.filter(({ group }) => foldOf.get(group) !== fold),
      config,
      options,
    );
    for (const { vector, label, group } of examples.filter((example) => foldOf.get(example.group) === fold)) {
      scored.push({ score: predict(model, vector), label, fixture: group.startsWith(fixtureGroupPrefix) });
    }
  }
  return {
    folds,
    ...figures(scored),
    sentenceList: figures(scored.filter(({ fixture }) => !fixture)),
    fixtures: figures(scored.filter(({ fixture }) => fixture)),
  };
}

/**
 * k-fold cross-validation on the training data at threshold 0.5, overall and
 * for each source. Folds are drawn by group (a fixture article is one group,
 * a listed sentence its own), so no article is both trained and tested on.
 */
export function crossValidate(
  examples: readonly LabelledSentence[],
  folds: number = crossValidationFolds,
  config: FeatureConfig = featureConfig,
  options: TrainingOptions = trainingOptions,
): CrossValidationFigures {
  return crossValidateExamples(vectorize(examples, config), folds, config, options);
}

const roundWeight = (weight: number): number => Math.round(weight * 1e6) / 1e6;

/** The model file for some training data: weights, configuration, data sizes and figures. */
export function buildModelFile(data: TrainingData): CheckWorthinessModelFile {
  const examples = vectorize(data.examples, featureConfig);
  const model = fit(examples, featureConfig, trainingOptions);
  const weights: [number, number][] = [];
  model.weights.forEach((weight, index) => {
    const rounded = roundWeight(weight);
    if (rounded !== 0) weights.push([index, rounded]);
  });
  return {
    format: modelFormat,
    version: modelVersion,
    features: model.features,
    training: {
      options: trainingOptions,
      size: data.examples.length,
      positives: data.examples.filter(({ label }) => label === 1).length,
      listSentences: data.listSentences,
      fixtureArticles: data.fixtureArticles,
      fixtureSentences: data.fixtureSentences,
      unsegmented: data.unsegmented,
      dataFingerprint: data.fingerprint,
      crossValidation: crossValidateExamples(examples, crossValidationFolds, featureConfig, trainingOptions),
      fit: figures(examples.map(({ vector, label }) => ({ score: predict(model, vector), label }))),
    },
    bias: roundWeight(model.bias),
    weights,
  };
}

/**
 * The build's training step: trains on the labelled data under `root` (the
 * repository) and writes the model file to `target`, atomically, so readers
 * never see half a file. Returns a summary for the build log.
 */
export function writeModelFile(root: string, target: string): string {
  const started = Date.now();
  const data = loadTrainingData(root);
  const file = buildModelFile(data);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(file)}\n`);
  fs.renameSync(temporary, target);
  const { size, positives, crossValidation: cv } = file.training;
  const line = (name: string, f: ClassificationFigures): string =>
    `  ${name}: precision ${f.precision}, recall ${f.recall}, F1 ${f.f1} (${f.examples} sentences)`;
  return [
    `trained the check-worthiness model on ${size} sentences (${positives} check-worthy; ` +
      `${data.listSentences} listed, ${data.fixtureSentences} from ${data.fixtureArticles} fixture articles) ` +
      `in ${Date.now() - started} ms; ${cv.folds}-fold cross-validation at ${cv.threshold}:`,
    line('all', cv),
    line('sentence list', cv.sentenceList),
    line('fixture articles', cv.fixtures),
  ].join('\n');
}

// `node train.js <model file>`, run from the repository root, trains from its labelled data.
if (require.main === module) {
  const target = process.argv[2];
  if (target === undefined) {
    console.error('usage: node train.js <model file>   (from the repository root)');
    process.exit(2);
  }
  console.log(writeModelFile(process.cwd(), path.resolve(target)));
}
