/** A tiny path-pattern router for the `/api/v2.1/*` surface. */
import type { SandboxStore } from './store.js';

export const API_PREFIX = '/api/v2.1';

/**
 * Who the bearer token says the caller is (docs/finhub-contract.md#customer-session claims
 * `userType`, `customerId`).
 */
export interface Principal {
  kind: 'ADMIN' | 'CONSUMER' | 'BUSINESS';
  userId: string;
  sessionId: string;
  customerId?: string;
  organizationId?: string;
  roles: string[];
}

export interface RouteContext {
  method: string;
  url: URL;
  params: Record<string, string>;
  headers: Headers;
  /** Parsed JSON body, or undefined when the request had none. */
  body: unknown;
  principal: Principal | undefined;
  store: SandboxStore;
}

export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below `/api/v2.1`, with `:name` segments. */
  pattern: string;
  /** `public`: no token (admin login only); `token`: any valid token; `admin`: admin token only. */
  auth: 'public' | 'token' | 'admin';
  handle(ctx: RouteContext): Promise<Response> | Response;
}

interface CompiledRoute extends RouteDef {
  regex: RegExp;
  names: string[];
}

export type RouteMatch =
  | { kind: 'found'; route: RouteDef; params: Record<string, string> }
  | { kind: 'method'; allowed: string[] }
  | { kind: 'none' };

export function compileRoutes(routes: RouteDef[]): (method: string, path: string) => RouteMatch {
  const compiled: CompiledRoute[] = routes.map((route) => {
    const names: string[] = [];
    const source = route.pattern
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    return { ...route, regex: new RegExp(`^${source}/?$`), names };
  });

  return (method, path) => {
    if (!path.startsWith(`${API_PREFIX}/`)) return { kind: 'none' };
    const sub = path.slice(API_PREFIX.length);
    const allowed: string[] = [];
    for (const route of compiled) {
      const m = route.regex.exec(sub);
      if (!m) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1] ?? '');
      });
      return { kind: 'found', route, params };
    }
    return allowed.length ? { kind: 'method', allowed } : { kind: 'none' };
  };
}
