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

/** The request's database: the idempotency transaction when there is one, else the pool. */
const databaseOf = (res: Response, db: Database): Database => res.locals.transaction ?? db;

export function marketSegmentsRouter(db: Database) {
  return initServer().router(marketSegmentsContract, {
    list: async ({ query, res }) => ({
      status: 200,
      body: await service.listMarketSegments(databaseOf(res, db), accountOf(res), query),
    }),
    create: async ({ body, res }) => {
      const { segment, etag } = await service.createMarketSegment(databaseOf(res, db), accountOf(res), body);
      res.setHeader('Location', `/v1/market-segments/${segment.id}`);
      res.setHeader('ETag', etag);
      return { status: 201, body: segment };
    },
    retrieve: async ({ params, headers, res }) => {
      const result = await service.retrieveMarketSegment(
        databaseOf(res, db),
        accountOf(res),
        params.id,
        headers['if-none-match'],
      );
      res.setHeader('ETag', result.etag);
      return 'notModified' in result
        ? { status: 304, body: undefined }
        : { status: 200, body: result.segment };
    },
    update: async ({ params, body, headers, res }) => {
      const { segment, etag } = await service.updateMarketSegment(
        databaseOf(res, db),
        accountOf(res),
        params.id,
        body,
        headers['if-match'],
      );
      res.setHeader('ETag', etag);
      return { status: 200, body: segment };
    },
    delete: async ({ params, headers, res }) => {
      await service.deleteMarketSegment(databaseOf(res, db), accountOf(res), params.id, headers['if-match']);
      return { status: 204, body: undefined };
    },
  });
}
