import fs from 'node:fs';
import path from 'node:path';
import {
  type CheckWorthinessModel,
  type CheckWorthinessModelFile,
  modelFromFile,
  scoreSentence,
} from './check-worthiness-model';
import type { RuleFeatures } from '../statement';

/**
 * The trained model sits beside this module: the build trains it into
 * dist/, and jest's global setup copies it beside the sources. There is no
 * fallback to rules: a missing model is a broken build, said loudly.
 */
const modelFile = path.join(__dirname, 'model.json');
let model: CheckWorthinessModel | undefined;

/** Reads a model file; throws a clear error when there is none. */
export function loadModel(file: string = modelFile): CheckWorthinessModel {
  if (!fs.existsSync(file)) {
    throw new Error(
      `No check-worthiness model at ${file}. The model is trained at build time: run \`npm run build\` ` +
        '(jest gets it through its global setup, test/global-setup.js).',
    );
  }
  return modelFromFile(JSON.parse(fs.readFileSync(file, 'utf8')) as CheckWorthinessModelFile, file);
}

/**
 * How worth fact-checking a sentence is, 0..1: the probability, by the
 * logistic regression trained at build time on the repository's labelled
 * sentences, that a fact-checker would pick it as a checkable claim. The
 * model is loaded on first use.
 */
export function checkWorthiness(sentence: string, features: RuleFeatures): number {
  model ??= loadModel();
  return scoreSentence(model, sentence, features);
}
