/**
 * A draft's points on a Linear team's estimate scale. Linear refuses estimates off the team's
 * scale, so Paydown rounds to the nearest value the team allows (a tie goes up: an effort is
 * not made smaller) and sends none when the team does not estimate.
 */

/**
 * The values behind each of Linear's estimate types, as Linear's clients list them: the first
 * five (after 0) are the normal scale, the last two the extended one; T-shirt sizes XS…XXXL are
 * stored as 1, 2, 3, 5, 8, 13, 21.
 */
const SCALES: Readonly<Record<string, readonly number[]>> = {
  exponential: [0, 1, 2, 4, 8, 16, 32, 64],
  fibonacci: [0, 1, 2, 3, 5, 8, 13, 21],
  linear: [0, 1, 2, 3, 4, 5, 6, 7],
  tShirt: [0, 1, 2, 3, 5, 8, 13, 21],
};

/** A team's estimate settings (`Team.issueEstimation*`). */
export interface EstimateScale {
  issueEstimationType: string;
  issueEstimationAllowZero: boolean;
  issueEstimationExtended: boolean;
}

/** The values a team accepts, or null when it does not use estimates (or uses a type Paydown does not know). */
export function estimateValues(team: EstimateScale): number[] | null {
  const scale = SCALES[team.issueEstimationType];
  if (!scale) return null;
  return scale.slice(team.issueEstimationAllowZero ? 0 : 1, team.issueEstimationExtended ? scale.length : 6);
}

/** The estimate to send for `points`, or null to send none. */
export function linearEstimate(points: number | null, team: EstimateScale): number | null {
  const values = estimateValues(team);
  if (points === null || !Number.isFinite(points) || points < 0 || !values?.length) return null;
  let best = values[0]!;
  for (const v of values) if (Math.abs(v - points) <= Math.abs(best - points)) best = v;
  return best;
}
