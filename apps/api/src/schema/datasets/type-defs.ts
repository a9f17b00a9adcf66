/** Uploaded files and registered datasets. */
export const datasetsTypeDefs = /* GraphQL */ `
  "A label column of a count matrix: ground truth to score clusterings against."
  type LabelColumn {
    "Column name (an obs column of an h5ad file, or Y for the paper's h5 files)."
    name: String!
    "Number of distinct labels."
    classes: Int!
  }

  "A histogram with equal-width bins."
  type Histogram {
    "Bin edges; one more than counts."
    edges: [Float!]!
    "How many cells fall in each bin."
    counts: [Int!]!
  }

  "Per-cell quality-control histograms."
  type QualityControl {
    "Total counts per cell."
    countsPerCell: Histogram!
    "Number of genes detected (non-zero) per cell."
    genesPerCell: Histogram!
  }

  "A file received by POST /uploads and validated, ready to be registered as a dataset."
  type Upload {
    "Stable identifier; pass it to registerDataset."
    id: ID!
    "The file's name as uploaded."
    fileName: String!
    "Size in bytes."
    sizeBytes: Float!
    "Hex sha256 of the bytes."
    sha256: String!
    "Detected format (h5ad, 10x-h5, h5, mtx, csv, ...), or null while not validated."
    format: String
    "Number of cells, or null while not validated."
    cells: Int
    "Number of genes, or null while not validated."
    genes: Int
    "Number of non-zero counts, or null while not validated."
    nonZeros: Float
    "Label columns found in the file."
    labelColumns: [LabelColumn!]!
    "Per-cell QC histograms, or null while not validated."
    qualityControl: QualityControl
    "The dataset registered from this upload, if any."
    dataset: Dataset
    "When the upload finished."
    createdAt: DateTime!
  }

  "A registered count matrix (cells x genes) in a project."
  type Dataset {
    "Stable identifier."
    id: ID!
    "The project it belongs to."
    project: Project!
    "Name shown in the app."
    name: String!
    "Free-text description."
    description: String!
    "The uploaded file's name."
    fileName: String!
    "File format (h5ad, 10x-h5, h5, mtx, csv, ...)."
    format: String!
    "File size in bytes."
    sizeBytes: Float!
    "Hex sha256 of the stored file."
    sha256: String!
    "Number of cells."
    cells: Int!
    "Number of genes."
    genes: Int!
    "Number of non-zero counts."
    nonZeros: Float!
    "Every label column found in the file."
    labelColumns: [LabelColumn!]!
    "The label column used as ground truth for scores and the leaderboard, or null when there is none."
    labelColumn: String
    "The paper dataset this one is (e.g. CITE_CBMC), matching it to the paper's reported results; null if none."
    reportedAs: String
    "Per-cell QC histograms."
    qualityControl: QualityControl
    "Relative URL that streams the stored file (same access rules as the dataset)."
    downloadUrl: String!
    "Who registered it."
    createdBy: User
    "When it was registered."
    createdAt: DateTime!
    "How many runs use it."
    runCount: Int!
    "Per-cell values of a label column (default: labelColumn), in cell order; null when there is no such column."
    cellLabels(column: String): [String!]
    "Log-normalised expression (ln(1 + 1e4 * count / cell total)) of one gene in each cell; null if no such gene."
    expression(gene: String!): [Float!]
  }

  "One dataset in a page of datasets."
  type DatasetEdge {
    "The dataset."
    node: Dataset!
    "Opaque position of this dataset, for paging."
    cursor: String!
  }

  "A page of datasets (Relay connection)."
  type DatasetConnection {
    "The datasets of this page, with cursors."
    edges: [DatasetEdge!]!
    "The datasets of this page."
    nodes: [Dataset!]!
    "Where this page sits."
    pageInfo: PageInfo!
    "How many datasets there are in all."
    totalCount: Int!
  }

  "What registering an uploaded file as a dataset needs."
  input RegisterDatasetInput {
    "The id POST /uploads returned."
    uploadId: ID!
    "Name (1 to 200 characters)."
    name: String!
    "Optional description."
    description: String
    "Ground-truth label column; must be one the file has. Defaults to the first one found."
    labelColumn: String
    "Paper dataset name (one of benchmarks) when this file is that dataset, to compare with the paper's numbers."
    reportedAs: String
  }

  extend type Query {
    "One dataset; NOT_FOUND when it does not exist or the viewer is not a member of its project."
    dataset(id: ID!): Dataset
    "One upload; NOT_FOUND when it does not exist or the viewer is not a member of its project."
    upload(id: ID!): Upload
  }

  extend type Mutation {
    "Turns a validated upload into a dataset of the upload's project (editors and owners)."
    registerDataset(input: RegisterDatasetInput!): Dataset!
    "Deletes a dataset with its runs and files (editors and owners). Returns the id."
    deleteDataset(id: ID!): ID!
  }
`;
