// The little of oidc-provider's API the sandbox uses (the package ships no types).
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    redirect_uris: string[];
    grant_types?: string[];
    response_types?: string[];
    token_endpoint_auth_method?: string;
    [key: string]: unknown;
  }

  export interface Configuration {
    clients?: ClientMetadata[];
    features?: Record<string, { enabled?: boolean; [key: string]: unknown }>;
    ttl?: Record<string, number | ((...args: unknown[]) => number)>;
    pkce?: { required?: (ctx: unknown, client: unknown) => boolean };
    cookies?: { keys?: string[]; [key: string]: unknown };
    jwks?: { keys: object[] };
    scopes?: string[];
    responseTypes?: string[];
    /** Extra authorization parameters, each with a validator that throws `errors.InvalidRequest`. */
    extraParams?: string[] | Record<string, ((ctx: unknown, value: string | undefined, client: unknown) => void | Promise<void>) | null>;
    [key: string]: unknown;
  }

  /** The little of Koa's context the sandbox's middleware touches. */
  export interface MiddlewareContext {
    method: string;
    path: string;
    query: Record<string, string | string[] | undefined>;
    /** The query string without its "?". */
    querystring: string;
    req: IncomingMessage;
    type: string;
    body: unknown;
    status: number;
    response: { get(field: string): string };
    /** Keeps a 3xx status already set, as oidc-provider's 303. */
    redirect(url: string): void;
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    /** Koa middleware, run around oidc-provider's own routes. */
    use(middleware: (ctx: MiddlewareContext, next: () => Promise<void>) => Promise<void>): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export const errors: {
    InvalidRequest: new (description: string) => Error;
  };
}
