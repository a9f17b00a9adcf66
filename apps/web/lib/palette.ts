/**
 * Colours for charts. The categorical palette is Glasbey-like: 20 hues chosen to stay distinct next to each other
 * on white, then repeated with a darker shade; the continuous ramp is viridis, which stays readable in greyscale
 * and for the common colour-vision deficiencies.
 */
const categorical = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
  '#aec7e8',
  '#ffbb78',
  '#98df8a',
  '#ff9896',
  '#c5b0d5',
  '#c49c94',
  '#f7b6d2',
  '#c7c7c7',
  '#dbdb8d',
  '#9edae5',
];

/** The colour of category `index` (0-based), cycling with darker shades past 20 categories. */
export function categoryColor(index: number): string {
  const base = categorical[((index % categorical.length) + categorical.length) % categorical.length]!;
  const cycle = Math.floor(index / categorical.length);
  if (cycle <= 0) return base;
  return shade(base, Math.max(0.35, 1 - 0.25 * cycle));
}

/** `count` categorical colours, one per category. */
export function categoryColors(count: number): string[] {
  return Array.from({ length: count }, (_, index) => categoryColor(index));
}

// Eleven stops of matplotlib's viridis, interpolated linearly.
const viridisStops: [number, number, number][] = [
  [68, 1, 84],
  [72, 36, 117],
  [65, 68, 135],
  [53, 95, 141],
  [42, 120, 142],
  [33, 145, 140],
  [34, 168, 132],
  [68, 191, 112],
  [122, 209, 81],
  [189, 223, 38],
  [253, 231, 37],
];

/** The viridis colour at `t` in [0, 1] (clamped), as `#rrggbb`. */
export function viridis(t: number): string {
  const clamped = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const position = clamped * (viridisStops.length - 1);
  const low = Math.floor(position);
  const high = Math.min(viridisStops.length - 1, low + 1);
  const fraction = position - low;
  const rgb = viridisStops[low]!.map((channel, i) =>
    Math.round(channel + (viridisStops[high]![i]! - channel) * fraction),
  );
  return toHex(rgb as [number, number, number]);
}

/** `steps` colours along viridis, for a continuous colour map. */
export function viridisRamp(steps: number): string[] {
  return Array.from({ length: steps }, (_, index) => viridis(steps === 1 ? 0 : index / (steps - 1)));
}

function shade(hex: string, factor: number): string {
  const rgb = [1, 3, 5].map((offset) => Math.round(parseInt(hex.slice(offset, offset + 2), 16) * factor));
  return toHex(rgb as [number, number, number]);
}

function toHex(rgb: [number, number, number]): string {
  return `#${rgb.map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}
