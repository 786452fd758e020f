import { marketSegmentsContract } from '@finx/contract';
import { initServer } from '@ts-rest/express';
import type { Response } from 'express';
import type { Database } from '../db/database';
import * as service from './market-segments.service';

function accountOf(res: Response): string {
  const { accountId } = res.locals;
  if (accountId === undefined) throw new Error('market segment route reached without authentication');
  return accountId;
}

export function marketSegmentsRouter(db: Database) {
  return initServer().router(marketSegmentsContract, {
    list: async ({ query, res }) => ({
      status: 200,
      body: await service.listMarketSegments(db, accountOf(res), query),
    }),
    create: async ({ body, res }) => {
      const segment = await service.createMarketSegment(db, accountOf(res), body);
      res.setHeader('Location', `/v1/market-segments/${segment.id}`);
      return { status: 201, body: segment };
    },
    retrieve: async ({ params, res }) => ({
      status: 200,
      body: await service.retrieveMarketSegment(db, accountOf(res), params.id),
    }),
    update: async ({ params, body, res }) => ({
      status: 200,
      body: await service.updateMarketSegment(db, accountOf(res), params.id, body),
    }),
    delete: async ({ params, res }) => {
      await service.deleteMarketSegment(db, accountOf(res), params.id);
      return { status: 204, body: undefined };
    },
  });
}
