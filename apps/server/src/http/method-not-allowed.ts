import type { RequestHandler } from 'express';
import { ApiError } from '../errors/api-error';

/** For a known path reached with another method: 405 with Allow (OPTIONS answers 204 with Allow). */
export function allowOnly(methods: readonly string[]): RequestHandler {
  const allow = methods.join(', ');
  return (req, res) => {
    res.setHeader('Allow', allow);
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    throw new ApiError(405, `${req.method} is not allowed here; allowed: ${allow}`);
  };
}
