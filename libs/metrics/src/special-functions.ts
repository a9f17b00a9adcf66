/**
 * The few special functions the scores need, written for double precision: log-gamma (expected mutual
 * information) and the complementary error function (normal p-values). Both are checked against scipy.special.
 */

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
// Below this argument the recurrence Γ(x) = Γ(x + 1) / x shifts x up; at 15 the truncated Stirling series below
// is accurate to about 1e-19 relative.
const STIRLING_FROM = 15;

/** log Γ(x) for x > 0 (NaN otherwise), with relative error near machine precision. */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === Infinity) return Infinity;
  if (x < STIRLING_FROM && Number.isInteger(x)) {
    // (x - 1)! is exact in a double here, so its log is correctly rounded.
    let factorial = 1;
    for (let k = 2; k < x; k++) factorial *= k;
    return Math.log(factorial);
  }
  let shift = 1;
  while (x < STIRLING_FROM) {
    shift *= x;
    x += 1;
  }
  const inverse = 1 / x;
  const inverseSquared = inverse * inverse;
  // Stirling's series: Bernoulli-number terms B_2k / (2k (2k - 1) x^(2k - 1)).
  const series =
    inverse *
    (1 / 12 +
      inverseSquared *
        (-1 / 360 +
          inverseSquared *
            (1 / 1260 +
              inverseSquared *
                (-1 / 1680 +
                  inverseSquared * (1 / 1188 + inverseSquared * (-691 / 360360 + inverseSquared / 156))))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series - Math.log(shift);
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const ONE_OVER_SQRT_PI = 1 / Math.sqrt(Math.PI);
// erf's Maclaurin series for |x| below this, erfc's continued fraction above.
const SERIES_BELOW = 2;

/** erf(x) by its Maclaurin series; accurate for |x| < 2 (terms alternate, largest about 3 at x = 2). */
function erfSeries(x: number): number {
  const xSquared = x * x;
  let term = x;
  let sum = x;
  for (let k = 1; k < 200; k++) {
    term *= -xSquared / k;
    const next = term / (2 * k + 1);
    sum += next;
    if (Math.abs(next) < 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * sum;
}

/** erfc(x) for x >= 2 by the Laplace continued fraction, evaluated with the modified Lentz method. */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  // erfc(x) = exp(-x²)/√π / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (Math.exp(-x * x) * ONE_OVER_SQRT_PI) / f;
}

/** The complementary error function erfc(x) = 1 - erf(x), accurate in relative terms also far in the tail. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < SERIES_BELOW) return 1 - erfSeries(x);
  if (x > 27.3) return 0; // exp(-x²) underflows
  return erfcContinuedFraction(x);
}

/** Two-sided p-value of a standard normal z-score: P(|Z| >= |z|) = erfc(|z| / √2). */
export function twoSidedNormalPValue(z: number): number {
  return Math.min(1, erfc(Math.abs(z) * Math.SQRT1_2));
}
