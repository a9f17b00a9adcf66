// The GraphQL operations the app sends, in one place, written against apps/api/schema.graphql.

export const signUpMutation = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      viewer {
        id
        email
      }
    }
  }
`;

export const signInMutation = /* GraphQL */ `
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      viewer {
        id
        email
      }
    }
  }
`;

export const createProjectMutation = /* GraphQL */ `
  mutation CreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
    }
  }
`;

export const addMemberMutation = /* GraphQL */ `
  mutation AddMember($projectId: ID!, $email: String!, $role: Role!) {
    addMember(projectId: $projectId, email: $email, role: $role) {
      role
    }
  }
`;

export const changeMemberRoleMutation = /* GraphQL */ `
  mutation ChangeMemberRole($projectId: ID!, $userId: ID!, $role: Role!) {
    changeMemberRole(projectId: $projectId, userId: $userId, role: $role) {
      role
    }
  }
`;

export const removeMemberMutation = /* GraphQL */ `
  mutation RemoveMember($projectId: ID!, $userId: ID!) {
    removeMember(projectId: $projectId, userId: $userId)
  }
`;

export const uploadQuery = /* GraphQL */ `
  query Upload($id: ID!) {
    upload(id: $id) {
      id
      fileName
      sizeBytes
      format
      cells
      genes
      nonZeros
      labelColumns {
        name
        classes
      }
      qualityControl {
        countsPerCell {
          edges
          counts
        }
        genesPerCell {
          edges
          counts
        }
      }
    }
    benchmarks
  }
`;

export const registerDatasetMutation = /* GraphQL */ `
  mutation RegisterDataset($input: RegisterDatasetInput!) {
    registerDataset(input: $input) {
      id
    }
  }
`;

export const startRunMutation = /* GraphQL */ `
  mutation StartRun($input: StartRunInput!) {
    startRun(input: $input) {
      id
      runs {
        id
      }
    }
  }
`;

export const cancelRunMutation = /* GraphQL */ `
  mutation CancelRun($id: ID!) {
    cancelRun(id: $id) {
      id
      status
    }
  }
`;

/** What the run page polls while a run is queued or running: cheap fields plus the loss history. */
export const runProgressQuery = /* GraphQL */ `
  query RunProgress($id: ID!) {
    run(id: $id) {
      id
      status
      progress
      phase
      failureReason
      attempts
      maxAttempts
      worker
      startedAt
      finishedAt
      durationSeconds
      cancelRequested
      metricHistory(samples: 400) {
        key
        totalPoints
        points {
          step
          value
          phase
        }
      }
    }
  }
`;

/**
 * Per-cell true labels of a dataset (null when the column is not stored). When they cannot be had, the run page
 * says so and shows what it can (colouring by cluster, markers) instead of the confusion matrix.
 */
export const cellLabelsQuery = /* GraphQL */ `
  query CellLabels($id: ID!, $column: String) {
    dataset(id: $id) {
      cellLabels(column: $column)
    }
  }
`;

/** One gene's log-normalised expression per cell (null when the dataset has no such gene). */
export const expressionQuery = /* GraphQL */ `
  query Expression($id: ID!, $gene: String!) {
    dataset(id: $id) {
      expression(gene: $gene)
    }
  }
`;
