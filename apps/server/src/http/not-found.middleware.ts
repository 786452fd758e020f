import type { RequestHandler } from 'express';
import { notFound } from '../errors/api-error';

export function unknownRoute(): RequestHandler {
  return (req) => {
    throw notFound(`Unknown route: ${req.method} ${req.path.slice(0, 100)}`);
  };
}
