import { describe, expect, it } from 'vitest';
import { categoryColor, categoryColors, viridis } from './palette';

describe('palette', () => {
  it('gives distinct colours to the first twenty categories and darker ones after', () => {
    expect(new Set(categoryColors(20)).size).toBe(20);
    expect(categoryColor(0)).toBe('#1f77b4');
    expect(categoryColor(20)).not.toBe(categoryColor(0));
  });

  it('runs viridis from dark purple to yellow', () => {
    expect(viridis(0)).toBe('#440154');
    expect(viridis(1)).toBe('#fde725');
    expect(viridis(2)).toBe('#fde725');
    expect(viridis(0.5)).toBe('#21918c');
  });
});
