// The console's one ApiClient, and the binding of a module's route table to it. A route is
// [method, openapi path template]; `satisfies RouteTable` checks it against the generated
// src/api/schema.d.ts at compile time (tests/routes.test.ts checks docs/openapi.json itself), and
// each call's path parameters, query, JSON body and answer are typed from that schema — so an
// endpoint that changes in the spec fails the type check of the screens that use it.
import { ApiClient, fillPath, type Method, type RequestOptions, type UploadOptions } from './http';
import type { components, paths } from './schema';

export const client = new ApiClient();

/** The named schemas of docs/openapi.json; module files alias the ones their screens use. */
export type Schemas = components['schemas'];

/** One page of a list: its rows, the cursor of the next (keyset paging), the count of all matches. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

/** Paging of a list call: `limit` rows after a `cursor`, or from row `offset` (not both). */
export interface ListQuery {
  limit?: number;
  cursor?: string;
  offset?: number;
}

type Verb = 'get' | 'put' | 'post' | 'delete' | 'patch';
type VerbsOf<P extends keyof paths> = { [V in Verb]: undefined extends paths[P][V] ? never : V }[Verb];

/** A route that docs/openapi.json has: one of the path's methods, upper-case, and the path. */
export type ApiRoute = { [P in keyof paths]: readonly [Uppercase<VerbsOf<P>>, P] }[keyof paths];
export type RouteTable = Record<string, ApiRoute>;

type OperationOf<R> = R extends readonly [infer M extends string, infer P extends keyof paths]
  ? paths[P][Lowercase<M> & keyof paths[P]]
  : never;
type Json<C> = C extends { content: { 'application/json': infer B } } ? B : never;
type Success = 200 | 201 | 202 | 204;
type OrVoid<T> = [T] extends [never] ? void : T;

/** The JSON answer of a route's success statuses (void for 204 No Content). */
export type AnswerOf<R> = OperationOf<R> extends { responses: infer S } ? OrVoid<Json<S[keyof S & Success]>> : never;
/** The JSON request body of a route (never when it takes none). */
export type BodyOf<R> = OperationOf<R> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;
/** The `{name}` segments of a route's path. */
export type PathParamsOf<R> = OperationOf<R> extends { parameters: { path: infer P } } ? P : Record<string, never>;
/** A route's query parameters; '' and null also mean "absent" (withQuery drops them), as filters send. */
export type QueryOf<R> = OperationOf<R> extends { parameters: { query?: infer Q } }
  ? { [K in keyof NonNullable<Q>]?: NonNullable<Q>[K] | '' | null }
  : never;

export interface CallOptions<R> {
  query?: QueryOf<R>;
  body?: BodyOf<R>;
  /** Sign-in, refresh and setup answer 401 for wrong input, not for an expired token. */
  noRefresh?: boolean;
  /** Extra request headers (If-Match for replace-all routes). */
  headers?: Record<string, string>;
}

/** Typed `call`, `blob` and `upload` for the routes of one module. */
export function bindRoutes<T extends RouteTable>(routes: T) {
  const target = (name: keyof T, params: unknown): [Method, string] => {
    const [method, template] = routes[name] as ApiRoute;
    return [method as Method, fillPath(template, params as Record<string, string>)];
  };
  return {
    /** A JSON call. */
    call<N extends keyof T>(name: N, params: PathParamsOf<T[N]>, opts: CallOptions<T[N]> = {}): Promise<AnswerOf<T[N]>> {
      const [method, path] = target(name, params);
      return client.request<AnswerOf<T[N]>>(method, path, opts as RequestOptions);
    },
    /** A download: the answer as a Blob (an export takes the list's query). */
    blob<N extends keyof T>(name: N, params: PathParamsOf<T[N]>, opts: { query?: QueryOf<T[N]> } = {}): Promise<Blob> {
      const [method, path] = target(name, params);
      return client.request<Blob>(method, path, { responseType: 'blob', query: opts.query } as RequestOptions);
    },
    /** A raw-body upload with progress (XMLHttpRequest). */
    upload<N extends keyof T>(
      name: N,
      params: PathParamsOf<T[N]>,
      file: Blob,
      opts: Omit<UploadOptions, 'query'> & { query?: QueryOf<T[N]> } = {},
    ): Promise<AnswerOf<T[N]>> {
      const [method, path] = target(name, params);
      return client.upload<AnswerOf<T[N]>>(method, path, file, opts as UploadOptions);
    },
  };
}
