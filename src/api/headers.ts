/**
 * Names of the request headers the element sends (docs/finhub-contract.md#headers). The relay's
 * CORS preflight allows exactly these (`src/server/cors.ts`), so a header the client starts
 * sending cannot be forgotten there: a page on another origin would fail at its first call.
 */
export const REQUEST_HEADER = {
  authorization: 'Authorization',
  accept: 'Accept',
  contentType: 'Content-Type',
  tenantId: 'X-Tenant-ID',
  deviceId: 'deviceId',
  platform: 'platform',
  forwardedFrom: 'X-Forwarded-From',
  userId: 'X-User-ID',
  userRoles: 'X-User-Roles',
} as const;

/** Every header name the element's requests (token and API) may carry. */
export const CLIENT_REQUEST_HEADERS: readonly string[] = Object.values(REQUEST_HEADER);
