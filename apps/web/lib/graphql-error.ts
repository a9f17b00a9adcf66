/** One error of a GraphQL answer, with the API's error code (`NOT_FOUND`, `UNAUTHENTICATED`, ...) when given. */
export interface GraphQLErrorEntry {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

/** A failed GraphQL operation: the API's messages joined, and the code of its first error. */
export class ApiError extends Error {
  readonly code: string | undefined;
  readonly errors: GraphQLErrorEntry[];

  constructor(errors: GraphQLErrorEntry[], status?: number) {
    super(errors.map((error) => error.message).join('; ') || `API answered ${status ?? 'no status'}`);
    this.name = 'ApiError';
    this.errors = errors;
    this.code = errors[0]?.extensions?.code;
  }
}

/** The parts of a GraphQL answer body the app reads. */
export interface GraphQLBody<T> {
  data?: T | null;
  errors?: GraphQLErrorEntry[];
}

/** Returns the data of a GraphQL answer, or throws an ApiError carrying the API's messages and code. */
export function dataOrThrow<T>(body: GraphQLBody<T>, status?: number): T {
  if (body.errors?.length) throw new ApiError(body.errors, status);
  if (body.data === undefined || body.data === null) throw new ApiError([], status);
  return body.data;
}
