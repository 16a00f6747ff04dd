// AnnotationsRepo, written once for SQLite and PostgreSQL (db.ts).
import { sql } from 'drizzle-orm';
import * as schema from '../../drizzle/schema/sqlite.js';
import type { AnnotationRecord, AnnotationsRepo } from './annotations.js';
import type { Db } from './db.js';
import { table } from './tables.js';

const annotationsT = table(schema.annotations);

export function annotationsRepo(db: Db): AnnotationsRepo {
  return {
    async create(annotation) {
      const row = await db.get<AnnotationRecord>(
        sql`${annotationsT.insert([annotation])} returning ${annotationsT.columns}`,
      );
      return row!;
    },
    byId(id) {
      return db.get<AnnotationRecord>(
        sql`select ${annotationsT.columns} from annotations where id = ${id}`,
      );
    },
    forSite(orgId, siteId, fromDay, toDay) {
      return db.all<AnnotationRecord>(sql`select ${annotationsT.columns} from annotations
        where org_id = ${orgId} and (site_id = ${siteId} or site_id is null)
          and day >= ${fromDay} and day <= ${toDay}
        order by day, id`);
    },
    ofOrg(orgId) {
      return db.all<AnnotationRecord>(sql`select ${annotationsT.columns} from annotations
        where org_id = ${orgId} and site_id is null order by day, id`);
    },
    async delete(id) {
      return (await db.exec(sql`delete from annotations where id = ${id}`)) > 0;
    },
  };
}
