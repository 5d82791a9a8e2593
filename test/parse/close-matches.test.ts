// Expected values from Python 3.11: difflib.SequenceMatcher(None, a, b).ratio()
// and difflib.get_close_matches(word, choices, cutoff=0.8).
import { describe, expect, it } from 'vitest';
import { closeMatches, similarityRatio } from '../../src/parse/close-matches.js';

describe('similarityRatio', () => {
  it.each([
    ['json', 'jsn', 0.8571428571428571],
    ['input', 'inpu', 0.8888888888888888],
    ['table', 'tabel', 0.8],
    ['text', 'json', 0],
    ['abcd', 'bcda', 0.75],
    ['', '', 1],
  ])('%s ~ %s', (a, b, ratio) => {
    expect(similarityRatio(a, b)).toBeCloseTo(ratio, 12);
  });
});

describe('closeMatches', () => {
  it.each([
    ['jsn', ['json', 'text', 'table'], ['json']],
    ['tabel', ['json', 'text', 'table'], ['table']],
    ['xml', ['json', 'text', 'table'], []],
    ['of', ['on', 'off', 'auto'], ['off']],
  ])('%s', (word, choices, expected) => {
    expect(closeMatches(word, choices)).toEqual(expected);
  });
});
