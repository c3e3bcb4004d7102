/**
 * Device and platform hints for FinHub's required headers (docs/finhub-contract.md#headers:
 * `deviceId`, `platform`, `X-Forwarded-From`; docs/finhub-contract.md#browser-and-relay: a stable
 * per-browser id the widget generates). Nothing here runs at import time (SSR-safe): window,
 * navigator and localStorage are read only when `resolveDeviceHints()` is called.
 */
import type { DeviceHints } from './types.js';
import { randomUuid } from './random-uuid.js';

/** localStorage key of the device id, namespaced so it cannot clash with the host page's keys. */
export const DEVICE_ID_STORAGE_KEY = 'finhub-onboarding:device-id';

export type DeviceIdStorage = Pick<Storage, 'getItem' | 'setItem'>;

export interface ResolveDeviceHintsOptions {
  /** Where the id is kept. Default: `localStorage` when reachable; `null`: memory only. */
  storage?: DeviceIdStorage | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Fallback when storage is blocked: stable for this page's lifetime, and reused if storage is cleared. */
let pageDeviceId: string | undefined;

function defaultStorage(): DeviceIdStorage | null {
  try {
    // Reading `localStorage` itself throws a SecurityError in sandboxed iframes and when the
    // user blocks site data.
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function deviceId(storage: DeviceIdStorage | null): string {
  let stored: string | null = null;
  if (storage) {
    try {
      stored = storage.getItem(DEVICE_ID_STORAGE_KEY);
    } catch {
      storage = null;
    }
  }
  if (stored !== null && UUID.test(stored)) {
    pageDeviceId = stored.toLowerCase();
    return pageDeviceId;
  }
  // Missing, tampered or garbage: keep the page's id if we already have one, else mint one.
  const id = (pageDeviceId ??= randomUuid());
  if (storage) {
    try {
      storage.setItem(DEVICE_ID_STORAGE_KEY, id);
    } catch {
      // Quota exceeded or Safari private mode: the in-memory id still holds for this page.
    }
  }
  return id;
}

const HINT_KEYS = ['deviceId', 'platform', 'osPlatform', 'forwardedFrom'] as const;

interface UserAgentDataLike {
  platform?: unknown;
}

/** Low-entropy User-Agent Client Hints platform (`Windows`, `macOS`, `Android`…), synchronous. */
function osPlatform(): string | undefined {
  if (typeof navigator === 'undefined') return undefined;
  // `userAgentData` is not in TypeScript's DOM lib yet (Chromium-only API).
  const data = (navigator as Navigator & { userAgentData?: UserAgentDataLike }).userAgentData;
  const platform = data?.platform;
  return typeof platform === 'string' && platform.trim() !== '' ? platform : undefined;
}

/**
 * The hints for this browser, host overrides winning. An overridden `deviceId` is used as given
 * and never written to storage (storage is not even read then).
 */
export function resolveDeviceHints(
  overrides: Partial<DeviceHints> = {},
  options: ResolveDeviceHintsOptions = {},
): DeviceHints {
  const pinned: Partial<DeviceHints> = {};
  for (const key of HINT_KEYS) {
    const value = overrides[key];
    if (typeof value === 'string' && value.trim() !== '') pinned[key] = value.trim();
  }
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  const hints: DeviceHints = {
    deviceId: pinned.deviceId ?? deviceId(storage),
    platform: 'web',
    forwardedFrom: 'web-app',
  };
  const os = osPlatform();
  if (os !== undefined) hints.osPlatform = os;
  return { ...hints, ...pinned };
}
