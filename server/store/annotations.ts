// The AnnotationsRepo contract: dated notes on a site's chart (a release, a campaign, an outage), or
// on every site of an organisation at once (siteId null). Text is untrusted: stored as given
// (sanitised by the caller), escaped wherever it is rendered, never executed.

export interface AnnotationRecord {
  id: number;
  orgId: number;
  /** null: the note belongs to every site of the org. */
  siteId: number | null;
  /** YYYY-MM-DD, a day in the site's timezone. */
  day: string;
  text: string;
  createdBy: number;
  createdAt: string;
}

export type NewAnnotation = Omit<AnnotationRecord, 'id'>;

export interface AnnotationsRepo {
  create(annotation: NewAnnotation): Promise<AnnotationRecord>;
  byId(id: number): Promise<AnnotationRecord | undefined>;
  /** The site's own notes and its org's org-wide ones, from `fromDay` to `toDay` (both included). */
  forSite(
    orgId: number,
    siteId: number,
    fromDay: string,
    toDay: string,
  ): Promise<AnnotationRecord[]>;
  /** The org-wide notes of an org (siteId null), in day order. */
  ofOrg(orgId: number): Promise<AnnotationRecord[]>;
  delete(id: number): Promise<boolean>;
}
