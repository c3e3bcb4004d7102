/**
 * Which documented response variant a body matched (docs/finhub-contract.md#envelopes), read by the
 * API client's `describeShape` (src/api/shape-description.ts), plus the doctor's own reading of
 * refusals and FinHub's messages.
 */
import { classifyEnvelope } from '../api/response-shapes.js';
import { describeShape as describeApiShape } from '../api/shape-description.js';

export interface ShapeDescription {
  /** The envelope, in plain words, for the report. */
  label: string;
  /** The other documented readings the response matched, and fields the element would miss. */
  notes: string[];
}

export type DescribeShape = (endpoint: string, body: unknown) => ShapeDescription;

/** The API client's own description, so the doctor reports exactly what the element reads. */
export const describeShape: DescribeShape = (endpoint, body) => {
  const [label = '', ...matched] = describeApiShape(endpoint, body).matched;
  const { missing } = describeApiShape(endpoint, body);
  return { label, notes: [...matched, ...missing.map((field) => `missing: ${field}`)] };
};

/** The payload: `data` of an envelope, else the body itself. */
export const payloadOf = (body: unknown): unknown => classifyEnvelope(body).data;

/** Where the payload sits, as a prefix for field names in the report (`data.` or nothing). */
export const payloadPrefix = (body: unknown): string => classifyEnvelope(body).prefix;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** FinHub refused in a 2xx (`code >= 400` or `success: false` in the envelope). */
export function refusedInBody(body: unknown): boolean {
  if (!isObject(body)) return false;
  const code = body['code'];
  return (typeof code === 'number' && code >= 400) || body['success'] === false;
}

/** FinHub's own words in an error body, if any. */
export function messageOf(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  const data = isObject(body['data']) ? body['data'] : {};
  for (const value of [body['message'], data['message'], data['error'], body['error']]) {
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 200);
  }
  return undefined;
}
