/**
 * The part of the FinHub client the first step needs: the transport, documented alternative
 * paths, and the categorization hierarchy (docs/finhub-contract.md#categorization-hierarchy).
 * `FlowClient` (client.ts) extends it with what both flows call later, and each flow's client
 * (individual-client.ts, organization-client.ts) with that flow's own endpoints, loaded with the
 * later steps' calls so their request builders and response readers stay out of the first screen
 * and out of the other flow (issue 17).
 */
import { FinHubApiError } from './errors.js';
import type { CategorizationHierarchy } from './hierarchy.js';
import {
  HttpTransport,
  type CallOptions,
  type RequestSpec,
  type TransportOptions,
} from './http.js';
import { SHARED_ENDPOINTS } from './response-shapes.js';

export type FinHubClientOptions = TransportOptions;

export const IND = '/v2.1/customer/individual';
export const ORG = '/v2.1/customer/organization';
export const seg = encodeURIComponent;

/**
 * FinHub answered that the route itself is not there (404/405): a documented alternative path
 * may be (docs/finhub-contract.md#contradictions lists them).
 */
const routeMissing = (error: unknown): boolean =>
  error instanceof FinHubApiError && (error.status === 404 || error.status === 405);

export class FinHubClientBase {
  protected readonly http: HttpTransport;
  /** Per operation with documented alternative paths: the one this tenant served last. */
  readonly #served = new Map<string, number>();

  constructor(options: FinHubClientOptions) {
    this.http = new HttpTransport(options);
  }

  /**
   * Tries a call's documented paths in order, starting from the one that worked last, and moves
   * to the next only when FinHub says the route is missing (404/405: nothing was carried out).
   * When every path is missing, the first path's error is the one reported.
   */
  protected async firstServed<T>(
    operation: string,
    paths: readonly (() => Promise<T>)[],
  ): Promise<T> {
    let first: unknown;
    for (let index = this.#served.get(operation) ?? 0; index < paths.length; index++) {
      try {
        const result = await paths[index]!();
        this.#served.set(operation, index);
        return result;
      } catch (error) {
        if (!routeMissing(error)) throw error;
        first ??= error;
      }
    }
    throw first;
  }

  // -- categorization (docs/finhub-contract.md#categorization-hierarchy) --------------------------

  /**
   * The tenant's categories and features; `tenantId` defaults to the client's tenant. The older
   * index's path without the tenant (`/customer/categorization/hierarchy`) is asked when this
   * tenant lacks the documented one (docs/finhub-contract.md#categorization-hierarchy).
   */
  async getCategorizationHierarchy(
    tenantId?: string,
    options?: CallOptions,
  ): Promise<CategorizationHierarchy> {
    // The reader loads with the hierarchy's analysis (the categories chunk): a flow whose token
    // brought the categories never reads the hierarchy (docs/architecture.md#categories-with-the-token).
    const reader = import('./hierarchy.js');
    reader.catch(() => undefined); // observed below, after the request
    const read = async (endpoint: string, build: RequestSpec['build']) => {
      const { envelope } = await this.http.send({ method: 'GET', endpoint, build }, options);
      return (await reader).readHierarchy(envelope.data, endpoint, envelope.prefix);
    };
    return this.firstServed('hierarchy', [
      () =>
        read(SHARED_ENDPOINTS.hierarchy, (tenant) => ({
          path: `${IND}/categorization/hierarchy/${seg(tenantId || tenant)}`,
        })),
      () =>
        read(SHARED_ENDPOINTS.hierarchyShared, () => ({
          path: '/v2.1/customer/categorization/hierarchy',
        })),
    ]);
  }
}
