/**
 * Health metrics from the ledger's history, as of any date: debt added vs resolved and budget
 * kept per sprint, open debt over time, age distribution, lead and cycle time, burn-down, and
 * all of them per outcome, tag, owner and label. Pure functions; results are plain JSON.
 * Definitions: docs/metrics.md.
 */
export { computeMetrics, computeMetricsWithFlows, burnDown, openDebtByDay, NO_GROUP, type MetricsOptions } from './compute';
export { AGE_BUCKETS } from './measure';
export type { DurationStats } from './stats';
export type {
  AgeBucket,
  AgedItem,
  BurnDown,
  BurnDownDay,
  EstimatedCount,
  GroupFlow,
  GroupMetrics,
  HealthMetrics,
  Metrics,
  MetricsSprint,
  MetricsWindow,
  OpenPoint,
  PointCount,
  SprintMetrics,
} from './types';
