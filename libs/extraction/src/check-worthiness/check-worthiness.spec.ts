import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkWorthiness, loadModel } from './check-worthiness';
import { ruleFeatures } from './rule-features';
import { buildModelFile, trainModel } from './train';
import { loadTrainingData } from './training-data';

const root = path.resolve(__dirname, '../../../..');
const score = (sentence: string): number => checkWorthiness(sentence, ruleFeatures(sentence));

describe('training', () => {
  it('is deterministic: two runs on the same data give identical weights', () => {
    const first = trainModel(loadTrainingData(root).examples);
    const second = trainModel(loadTrainingData(root).examples);
    expect(second.bias).toBe(first.bias);
    expect(Buffer.from(second.weights.buffer).equals(Buffer.from(first.weights.buffer))).toBe(true);
    expect(first.weights.some((weight) => weight !== 0)).toBe(true);
  });

  it('records the data it learned from and its cross-validated figures', () => {
    const data = loadTrainingData(root);
    const file = buildModelFile(data);
    expect(file.training.size).toBe(data.examples.length);
    expect(file.training.listSentences).toBeGreaterThanOrEqual(1200);
    expect(file.training.crossValidation.examples).toBe(data.examples.length);
    for (const figure of ['precision', 'recall', 'f1'] as const) {
      expect(file.training.crossValidation[figure]).toBeGreaterThan(0);
      expect(file.training.crossValidation[figure]).toBeLessThanOrEqual(1);
    }
  });
});

describe('checkWorthiness', () => {
  // Sentences written for this spec, not taken from the training data.
  const checkWorthy = [
    'Unemployment in Fernvale rose to 7.2 percent in June, up from 5.9 percent a year earlier.',
    'The hospital treated 14,300 patients in its emergency department last year, the most since it opened in 1974.',
    'The council cut its road repair budget by 18 percent in 2022, according to its published accounts.',
    'Burglaries in the district fell by a quarter between 2015 and 2023, police figures show.',
    'The company paid 3.1 million dollars in fines for polluting the estuary in 2020.',
  ];
  const notCheckWorthy = [
    'The council meets on Tuesday.',
    '"I am so proud of everyone who helped," said the organiser.',
    'The minister promised to build more homes next year.',
    'Snow fell softly over the hills as the children walked to school.',
    'Tickets are available at the box office.',
    'Is this really the best we can do?',
  ];

  it('scores clear check-worthy sentences above clear non-check-worthy ones', () => {
    const lowestWorthy = Math.min(...checkWorthy.map(score));
    const highestUnworthy = Math.max(...notCheckWorthy.map(score));
    expect(lowestWorthy).toBeGreaterThan(highestUnworthy);
    expect(lowestWorthy).toBeGreaterThan(0.5);
    expect(highestUnworthy).toBeLessThan(0.5);
  });

  it('gives a score between 0 and 1, the same every time', () => {
    for (const sentence of [...checkWorthy, ...notCheckWorthy, '']) {
      const value = score(sentence);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
      expect(score(sentence)).toBe(value);
    }
  });
});

describe('loadModel', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-check-worthiness-'));
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('fails clearly when there is no model, rather than falling back to rules', () => {
    expect(() => loadModel(path.join(directory, 'missing.json'))).toThrow(
      /No check-worthiness model at .*npm run build/,
    );
  });

  it('refuses a model file of another version', () => {
    const file = path.join(directory, 'old.json');
    fs.writeFileSync(file, JSON.stringify({ format: 'claimdesk-check-worthiness', version: 0, weights: [] }));
    expect(() => loadModel(file)).toThrow(/version 0.*Rebuild/);
  });
});
