/**
 * Picks at most `samples` items spread evenly over `items`, always keeping the first and the last (a loss curve's
 * start and end matter most). Returns `items` itself when it is short enough.
 */
export function downsample<T>(items: T[], samples: number): T[] {
  if (items.length <= samples) return items;
  if (samples <= 1) return items.slice(-1);
  const picked: T[] = [];
  const stride = (items.length - 1) / (samples - 1);
  for (let index = 0; index < samples; index++) picked.push(items[Math.round(index * stride)]!);
  return picked;
}
