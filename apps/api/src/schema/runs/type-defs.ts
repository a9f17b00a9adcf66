/** Runs, their groups, history, scores, outputs and artifacts. */
export const runsTypeDefs = /* GraphQL */ `
  "Life cycle of a run."
  enum RunStatus {
    "Waiting for a trainer."
    QUEUED
    "A trainer is working on it."
    RUNNING
    "Finished; scores and outputs are stored."
    SUCCEEDED
    "Stopped by an error, out of memory, a time limit or too many lost trainers; see failureReason."
    FAILED
    "Cancelled by a user; nothing of it is kept but the row."
    CANCELLED
  }

  "Fields runs can be sorted by."
  enum RunOrderField {
    "When the run was queued."
    CREATED_AT
    "When the run finished (unfinished runs last)."
    FINISHED_AT
    "The run's status."
    STATUS
    "The method id."
    METHOD
  }

  "How to sort runs."
  input RunOrder {
    "What to sort by."
    field: RunOrderField!
    "Which way (default DESC)."
    direction: OrderDirection = DESC
  }

  "Which runs to return; every given condition must hold."
  input RunFilter {
    "Only runs in one of these states."
    status: [RunStatus!]
    "Only runs of one of these methods."
    methodIds: [ID!]
    "Only runs on this dataset."
    datasetId: ID
    "Only runs of this run group."
    runGroupId: ID
  }

  "A startRun request: one method with the same parameters on one dataset over several seeds."
  type RunGroup {
    "Stable identifier."
    id: ID!
    "The method."
    method: Method!
    "The dataset."
    dataset: Dataset!
    "Parameters given for every run of the group."
    params: JSON!
    "The seeds, one run each."
    seeds: [Int!]!
    "The group's runs, in seed order."
    runs: [Run!]!
    "When it was started."
    createdAt: DateTime!
  }

  "One point of a metric's history."
  type MetricPoint {
    "Optimiser step (or iteration) the value belongs to."
    step: Int!
    "The value."
    value: Float!
    "Training phase (pretrain, cluster, ...), when known."
    phase: String
    "Epoch, when known."
    epoch: Int
  }

  "The history of one metric of a run, down-sampled to at most the requested number of points."
  type MetricSeries {
    "Metric name (loss, nb, contrastive, ...)."
    key: String!
    "How many points are stored in all."
    totalPoints: Int!
    "The points, in step order; the first and last stored points are always kept."
    points: [MetricPoint!]!
  }

  "A summary score of a finished run."
  type Score {
    "Metric name: ARI, NMI, AMI, CA, purity, silhouette, seconds."
    metric: String!
    "The label column scored against; empty for scores that need no truth."
    labelColumn: String!
    "The value."
    value: Float!
  }

  "A file a run produced."
  type Artifact {
    "Stable identifier."
    id: ID!
    "What it is: labels, latent, embedding, history, metrics, h5ad, markers, model (a trained scSAMAC model: model/model.json and model/weights.bin, the folder scsamac predict --model reads), checkpoint."
    kind: String!
    "File name within the run's files (e.g. labels.csv, model/weights.bin); downloads drop the folder."
    fileName: String!
    "MIME type."
    contentType: String!
    "Size in bytes."
    sizeBytes: Float!
    "Hex sha256 of the bytes."
    sha256: String!
    "Relative URL that streams the file (GET /artifacts/:id; same access rules as the run)."
    downloadUrl: String!
    "When it was stored."
    createdAt: DateTime!
  }

  "A 2-D embedding of a run's latent space, one point per cell in the dataset's cell order."
  type Embedding {
    "How it was made (umap, tsne, pca)."
    method: String!
    "Number of cells."
    cells: Int!
    "Interleaved coordinates x0, y0, x1, y1, ... (2 x cells values)."
    coordinates: [Float!]!
  }

  "A marker gene of one cluster (Wilcoxon rank-sum test, cluster vs rest)."
  type Marker {
    "Cluster number (0-based)."
    cluster: Int!
    "Rank within the cluster (1 = strongest)."
    rank: Int!
    "Gene name."
    gene: String!
    "Gene's column in the dataset."
    geneIndex: Int!
    "Test statistic (z-score)."
    score: Float!
    "log2 fold change, cluster vs rest."
    logFoldChange: Float!
    "Two-sided p-value."
    pValue: Float!
    "Benjamini-Hochberg adjusted p-value."
    pValueAdjusted: Float!
    "Fraction of the cluster's cells expressing it."
    fractionIn: Float!
    "Fraction of other cells expressing it."
    fractionOut: Float!
    "Mean log-normalised expression in the cluster."
    meanIn: Float!
  }

  "One clustering run: a method on a dataset with one seed."
  type Run {
    "Stable identifier."
    id: ID!
    "The project it belongs to."
    project: Project!
    "The dataset clustered."
    dataset: Dataset!
    "The method."
    method: Method!
    "The group of runs started together (same parameters, other seeds)."
    runGroup: RunGroup!
    "Parameters as given to startRun."
    params: JSON!
    "Random seed."
    seed: Int!
    "Where the run is in its life cycle."
    status: RunStatus!
    "Why the run failed or was cancelled, or null."
    failureReason: String
    "Overall progress in [0, 1]."
    progress: Float!
    "Current phase (preprocess, pretrain, cluster, ...), or null before it starts."
    phase: String
    "The trainer working on it (host:pid), or null."
    worker: String
    "When its trainer last reported being alive."
    heartbeatAt: DateTime
    "How many times a trainer has started it."
    attempts: Int!
    "How many starts are allowed before it fails for good."
    maxAttempts: Int!
    "Whether a cancel was requested and the trainer has not yet stopped."
    cancelRequested: Boolean!
    "Who started it."
    createdBy: User
    "When it was queued."
    createdAt: DateTime!
    "When a trainer last started it."
    startedAt: DateTime
    "When it reached SUCCEEDED, FAILED or CANCELLED."
    finishedAt: DateTime
    "Wall-clock seconds from start to finish (or to now while running)."
    durationSeconds: Float
    "Seconds per phase and in total, as the method measured them."
    timings: JSON
    "Peak memory of the training, in bytes."
    peakMemoryBytes: Float
    "Compute backend used (wasm, tensorflow, cpu, none)."
    backend: String
    "Number of clusters found."
    clusters: Int
    "Names of the metrics with history."
    metricKeys: [String!]!
    "Metric histories, each down-sampled to at most samples points (1 to 5,000, default 500)."
    metricHistory(keys: [String!], samples: Int = 500): [MetricSeries!]!
    "Summary scores (empty until it succeeds)."
    scores: [Score!]!
    "One score, or null: metric (e.g. ARI) against the dataset's label column unless labelColumn is given."
    score(metric: String!, labelColumn: String): Float
    "Files it produced."
    artifacts: [Artifact!]!
    "Cluster of each cell in the dataset's cell order, or null until it succeeds."
    labels: [Int!]
    "2-D embedding of the latent space, or null until it succeeds."
    embedding: Embedding
    "Marker genes, per cluster by rank; cluster narrows to one cluster, top to the first ranks (default 20)."
    markers(cluster: Int, top: Int = 20): [Marker!]!
  }

  "One run in a page of runs."
  type RunEdge {
    "The run."
    node: Run!
    "Opaque position of this run, for paging."
    cursor: String!
  }

  "A page of runs (Relay connection)."
  type RunConnection {
    "The runs of this page, with cursors."
    edges: [RunEdge!]!
    "The runs of this page."
    nodes: [Run!]!
    "Where this page sits."
    pageInfo: PageInfo!
    "How many runs match the filter in all."
    totalCount: Int!
  }

  "How many runs are in each status."
  type RunStatusCounts {
    "Waiting for a trainer."
    queued: Int!
    "Being trained."
    running: Int!
    "Finished successfully."
    succeeded: Int!
    "Failed."
    failed: Int!
    "Cancelled."
    cancelled: Int!
  }

  "One parameter across compared runs."
  type ParameterComparison {
    "Parameter name."
    name: String!
    "Its value in each run, in the order of compareRuns' runs (null when a run does not set it)."
    values: [JSON]!
    "Whether the runs disagree on it."
    differs: Boolean!
  }

  "One score across compared runs."
  type ScoreComparison {
    "Metric name."
    metric: String!
    "Label column scored against."
    labelColumn: String!
    "Its value in each run, in the order of compareRuns' runs (null when a run lacks it)."
    values: [Float]!
  }

  "Runs side by side."
  type RunComparison {
    "The runs, in the order asked for."
    runs: [Run!]!
    "Every parameter any of the runs sets, with each run's value."
    parameters: [ParameterComparison!]!
    "Every score any of the runs has, with each run's value."
    scores: [ScoreComparison!]!
  }

  "What starting runs needs."
  input StartRunInput {
    "The dataset to cluster."
    datasetId: ID!
    "A runnable method's id (see methods)."
    methodId: ID!
    "The method's options as plain JSON; omitted ones take the method's defaults."
    params: JSON
    "Seeds, one run each (1 to 20 distinct integers; default [1])."
    seeds: [Int!]
  }

  extend type Query {
    "One run; NOT_FOUND when it does not exist or the viewer is not a member of its project."
    run(id: ID!): Run
    "One run group; NOT_FOUND when it does not exist or the viewer is not a member of its project."
    runGroup(id: ID!): RunGroup
    "Two to 20 runs side by side; NOT_FOUND if any of them is not visible to the viewer."
    compareRuns(ids: [ID!]!): RunComparison!
  }

  extend type Mutation {
    "Queues one run per seed of a method on a dataset, as one run group (editors and owners)."
    startRun(input: StartRunInput!): RunGroup!
    "Cancels a queued or running run (editors and owners); running ones stop within seconds."
    cancelRun(id: ID!): Run!
    "Deletes a run that is not running, with its results and files (editors and owners). Returns the id."
    deleteRun(id: ID!): ID!
  }
`;
