import { describe, expect, it } from 'vitest';
import { acrSatisfies, maxAcr } from './assurance';

describe('assurance levels', () => {
  it('are ordered: high satisfies substantial and low, not the other way round', () => {
    expect(acrSatisfies('high', 'substantial')).toBe(true);
    expect(acrSatisfies('high', 'low')).toBe(true);
    expect(acrSatisfies('substantial', 'high')).toBe(false);
    expect(acrSatisfies('low', 'substantial')).toBe(false);
    expect(acrSatisfies(null, 'low')).toBe(false);
  });

  it('never go down in a step-up', () => {
    expect(maxAcr('high', 'substantial')).toBe('high');
    expect(maxAcr('low', 'high')).toBe('high');
    expect(maxAcr(null, 'low')).toBe('low');
  });
});
