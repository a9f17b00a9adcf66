/** The leaderboard: methods ranked per dataset, beside the paper's numbers. */
export const leaderboardTypeDefs = /* GraphQL */ `
  "Mean and spread of one metric over a method's seeds."
  type MetricSummary {
    "Metric name (ARI, NMI, CA, ...)."
    metric: String!
    "Mean over the values."
    mean: Float!
    "Sample standard deviation, or null with fewer than two values."
    sd: Float
    "Number of values (runs, or 1 for a reported number)."
    n: Int!
  }

  "One row of a leaderboard: a method's result on the dataset, from our runs or from the paper."
  type LeaderboardEntry {
    "1-based position by the ranking metric's mean (ties share a rank)."
    rank: Int!
    "The method."
    method: Method!
    "True for a number reported in the paper rather than measured here."
    reported: Boolean!
    "Where a reported number comes from (e.g. scSAMAC paper, Tables 2-5); null for our runs."
    source: String
    "Mean of the ranking metric."
    mean: Float!
    "Sample standard deviation of the ranking metric over seeds, or null with fewer than two runs."
    sd: Float
    "Number of successful runs (1 for a reported row)."
    n: Int!
    "The ranking metric of each run, in seed order (the one number for a reported row)."
    values: [Float!]!
    "Every metric's summary (ARI, NMI, CA, ...) for this row."
    metrics: [MetricSummary!]!
    "The successful runs behind the row (empty for a reported row)."
    runs: [Run!]!
  }

  "A run that failed, shown beside the ranking with its reason."
  type FailedRunEntry {
    "The run."
    run: Run!
    "Its method."
    method: Method!
    "Why it failed."
    reason: String!
  }

  "Methods ranked on one dataset."
  type Leaderboard {
    "The dataset argument as given."
    dataset: String!
    "The paper dataset name whose reported rows are included, or null."
    benchmark: String
    "The metric entries are ranked by."
    metric: String!
    "Rows, best first."
    entries: [LeaderboardEntry!]!
    "Failed runs on the dataset, newest first."
    failedRuns: [FailedRunEntry!]!
  }

  extend type Query {
    """
    Ranks methods on a dataset by the mean of a metric over seeds. dataset is a dataset id (runs on that dataset,
    plus the paper's rows when it has reportedAs) or a paper dataset name such as CITE_CBMC (the paper's rows,
    plus the viewer's runs on datasets reported as it).
    """
    leaderboard(
      "A dataset id or a paper dataset name (see benchmarks)."
      dataset: String!
      "Ranking metric (default ARI)."
      metric: String = "ARI"
      "Include the paper's reported rows (default true)."
      includeReported: Boolean = true
      "Include baseline methods (default true)."
      includeBaselines: Boolean = true
    ): Leaderboard!
  }
`;
