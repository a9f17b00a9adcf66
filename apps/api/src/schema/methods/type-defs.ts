/** Clustering methods. */
export const methodsTypeDefs = /* GraphQL */ `
  "Where a method comes from."
  enum MethodKind {
    "scSAMAC and its variants and ablations."
    SCSAMAC
    "Baselines the platform runs on the same data and preprocessing."
    BASELINE
    "Methods known only from publications; their numbers come from the paper."
    PUBLISHED
  }

  "A clustering method."
  type Method {
    "Identifier the trainer and the CLI use (scsamac, pca-kmeans, ...)."
    id: ID!
    "Name shown in the app."
    displayName: String!
    "Where the method comes from."
    kind: MethodKind!
    "One-paragraph description."
    description: String!
    "How the paper's tables name it, or null when the paper does not report it."
    reportedName: String
    "Whether runs of it can be started here."
    runnable: Boolean!
    "Default parameters for the new-run form: what the method's option parser fills in when none are given."
    defaultParams: JSON!
    "JSON Schema of the method's parameters (with each one's default and one-line help); null when not runnable here."
    paramsSchema: JSON
  }

  extend type Query {
    "Every known method, in display order; runnable filters them."
    methods(runnable: Boolean): [Method!]!
    "Dataset names of the paper's tables (CITE_CBMC, human2, ...), for matching uploads to reported results."
    benchmarks: [String!]!
  }
`;
