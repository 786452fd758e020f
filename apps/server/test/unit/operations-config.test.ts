import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig: operations settings', () => {
  it('migrates at start, and leaves metrics off and unprotected, by default', () => {
    const config = loadConfig({});
    expect(config.MIGRATE_ON_START).toBe(true);
    expect(config.METRICS_ENABLED).toBe(false);
    expect(config.METRICS_TOKEN).toBeUndefined();
  });

  it('reads METRICS_ENABLED as exactly true or false', () => {
    expect(loadConfig({ METRICS_ENABLED: 'true' }).METRICS_ENABLED).toBe(true);
    expect(loadConfig({ METRICS_ENABLED: 'false' }).METRICS_ENABLED).toBe(false);
    expect(loadConfig({ METRICS_ENABLED: '' }).METRICS_ENABLED).toBe(false);
  });

  it.each(['yes', '1', 'TRUE', 'on'])('rejects METRICS_ENABLED=%s with one line naming it', (value) => {
    expect(() => loadConfig({ METRICS_ENABLED: value })).toThrow(
      new ConfigError('Invalid configuration: METRICS_ENABLED must be true or false'),
    );
  });

  it('reads MIGRATE_ON_START as exactly true or false', () => {
    expect(loadConfig({ MIGRATE_ON_START: 'false' }).MIGRATE_ON_START).toBe(false);
    expect(loadConfig({ MIGRATE_ON_START: 'true' }).MIGRATE_ON_START).toBe(true);
    expect(() => loadConfig({ MIGRATE_ON_START: 'no' })).toThrow(
      new ConfigError('Invalid configuration: MIGRATE_ON_START must be true or false'),
    );
  });

  it('takes a METRICS_TOKEN of 16 characters or more', () => {
    expect(loadConfig({ METRICS_TOKEN: 'a'.repeat(16) }).METRICS_TOKEN).toBe('a'.repeat(16));
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(
      new ConfigError('Invalid configuration: METRICS_TOKEN must be at least 16 characters'),
    );
  });
});
