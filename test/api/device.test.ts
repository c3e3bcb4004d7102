import { expect } from '@open-wc/testing';
import { DEVICE_ID_STORAGE_KEY, resolveDeviceHints } from '../../src/api/device.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A Storage double backed by a Map, counting writes. */
function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  const writes: Array<[string, string]> = [];
  return {
    map,
    writes,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => {
      writes.push([key, value]);
      map.set(key, value);
    },
  };
}

const blockedStorage = {
  getItem: (): string | null => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  },
  setItem: (): void => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  },
};

function stubUserAgentData(value: unknown): () => void {
  Object.defineProperty(navigator, 'userAgentData', { value, configurable: true });
  return () => {
    delete (navigator as unknown as Record<string, unknown>)['userAgentData'];
  };
}

describe('resolveDeviceHints', () => {
  afterEach(() => {
    localStorage.removeItem(DEVICE_ID_STORAGE_KEY);
  });

  it('returns web hints with a UUID device id', () => {
    const hints = resolveDeviceHints({}, { storage: memoryStorage() });
    expect(hints.deviceId).to.match(UUID);
    expect(hints.platform).to.equal('web');
    expect(hints.forwardedFrom).to.equal('web-app');
  });

  it('stores the id under the namespaced key and reuses it', () => {
    const storage = memoryStorage();
    const first = resolveDeviceHints({}, { storage }).deviceId;
    expect(storage.map.get('finhub-onboarding:device-id')).to.equal(first);
    const second = resolveDeviceHints({}, { storage }).deviceId;
    expect(second).to.equal(first);
    expect(storage.writes).to.have.length(1);
  });

  it('uses the real localStorage by default and survives a "page load" (fresh read)', () => {
    const first = resolveDeviceHints().deviceId;
    expect(localStorage.getItem(DEVICE_ID_STORAGE_KEY)).to.equal(first);
    // Another page would read the same stored value.
    expect(resolveDeviceHints({}, { storage: localStorage }).deviceId).to.equal(first);
  });

  it('reuses an id stored by an earlier page', () => {
    const stored = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const storage = memoryStorage({ [DEVICE_ID_STORAGE_KEY]: stored });
    expect(resolveDeviceHints({}, { storage }).deviceId).to.equal(stored);
    expect(storage.writes).to.have.length(0);
  });

  it('replaces a tampered or garbage stored value', () => {
    for (const garbage of ['', 'not-a-uuid', '<script>alert(1)</script>', '{"id":1}']) {
      const storage = memoryStorage({ [DEVICE_ID_STORAGE_KEY]: garbage });
      const id = resolveDeviceHints({}, { storage }).deviceId;
      expect(id).to.match(UUID);
      expect(id).not.to.equal(garbage);
      expect(storage.map.get(DEVICE_ID_STORAGE_KEY)).to.equal(id);
    }
  });

  it('falls back to an in-memory id, stable for the page, when storage throws', () => {
    const a = resolveDeviceHints({}, { storage: blockedStorage }).deviceId;
    const b = resolveDeviceHints({}, { storage: blockedStorage }).deviceId;
    expect(a).to.match(UUID);
    expect(b).to.equal(a);
  });

  it('keeps the in-memory id with no storage at all', () => {
    const a = resolveDeviceHints({}, { storage: null }).deviceId;
    expect(resolveDeviceHints({}, { storage: null }).deviceId).to.equal(a);
  });

  it('keeps the page id when setItem throws (quota) and getItem works', () => {
    const quota = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    };
    const a = resolveDeviceHints({}, { storage: quota }).deviceId;
    expect(resolveDeviceHints({}, { storage: quota }).deviceId).to.equal(a);
  });

  it('lets the host override every hint; an override device id is not stored', () => {
    const storage = memoryStorage();
    const hints = resolveDeviceHints(
      {
        deviceId: 'host-device-7',
        platform: 'kiosk',
        forwardedFrom: 'partner-app',
        osPlatform: 'X',
      },
      { storage },
    );
    expect(hints).to.deep.equal({
      deviceId: 'host-device-7',
      platform: 'kiosk',
      forwardedFrom: 'partner-app',
      osPlatform: 'X',
    });
    expect(storage.writes).to.have.length(0);
    expect(storage.map.size).to.equal(0);
  });

  it('ignores empty or undefined overrides', () => {
    const storage = memoryStorage();
    const hints = resolveDeviceHints({ deviceId: '  ', platform: undefined }, { storage });
    expect(hints.deviceId).to.match(UUID);
    expect(hints.platform).to.equal('web');
  });

  it('reads osPlatform from navigator.userAgentData', () => {
    const restore = stubUserAgentData({ platform: 'Windows', mobile: false, brands: [] });
    try {
      expect(resolveDeviceHints({}, { storage: null }).osPlatform).to.equal('Windows');
      expect(resolveDeviceHints({ osPlatform: 'macOS' }, { storage: null }).osPlatform).to.equal(
        'macOS',
      );
    } finally {
      restore();
    }
  });

  it('leaves osPlatform undefined without User-Agent Client Hints', () => {
    for (const value of [undefined, { platform: '' }]) {
      const restore = stubUserAgentData(value);
      try {
        const hints = resolveDeviceHints({}, { storage: null });
        expect(hints.osPlatform).to.equal(undefined);
        expect('osPlatform' in hints).to.equal(false);
      } finally {
        restore();
      }
    }
  });
});
