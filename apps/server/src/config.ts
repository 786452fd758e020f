import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Exactly `true` or `false`: z.coerce.boolean() would read "false" as true. */
const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default(fallback)
    .transform((value) => value === 'true');

const integer = (min: number, max: number) => {
  const message = `must be an integer between ${min} and ${max}`;
  return z.coerce.number({ invalid_type_error: message }).int(message).min(min, message).max(max, message);
};

const envSchema = z.object({
  PORT: z.coerce
    .number({ invalid_type_error: 'must be an integer between 0 and 65535' })
    .int('must be an integer between 0 and 65535')
    .min(0, 'must be an integer between 0 and 65535')
    .max(65535, 'must be an integer between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1, 'must not be empty').default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .refine(
      isPostgresUrl,
      'must be a postgres:// or postgresql:// URL (leave it unset for the embedded database)',
    )
    .optional(),
  FINX_DATA_DIR: z.string().min(1, 'must not be empty').default('./.data'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  NODE_ENV: z.string().default('development'),
  MIGRATE_ON_START: flag('true'),
  METRICS_ENABLED: flag('false'),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  RATE_LIMIT_REQUESTS: integer(0, 1_000_000_000).default(1000),
  RATE_LIMIT_WINDOW_SECONDS: integer(1, 86_400).default(60),
  REDIS_URL: z
    .string()
    .refine(isRedisUrl, 'must be a redis:// or rediss:// URL (leave it unset to count in memory)')
    .optional(),
  REDIS_KEY_PREFIX: z.string().default('finx:'),
  WEB_CONCURRENCY: integer(1, 64).default(1),
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isRedisUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'redis:' || url.protocol === 'rediss:';
  } catch {
    return false;
  }
}

/** Parses the environment once; throws a ConfigError whose message is one readable line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const setVariables = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = envSchema.safeParse(setVariables);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = issue?.path.join('.') ?? 'environment';
  throw new ConfigError(`Invalid configuration: ${variable} ${issue?.message ?? 'is invalid'}`);
}
