import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Exactly `true` or `false`: z.coerce.boolean() would read "false" as true. */
const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default(fallback)
    .transform((value) => value === 'true');

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

/** Parses the environment once; throws a ConfigError whose message is one readable line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const setVariables = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = envSchema.safeParse(setVariables);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = issue?.path.join('.') ?? 'environment';
  throw new ConfigError(`Invalid configuration: ${variable} ${issue?.message ?? 'is invalid'}`);
}
