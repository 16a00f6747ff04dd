// The one expected failure of report code: a bad input, named by the parameter it came from (→ 400).

export class ReportInputError extends Error {
  constructor(
    /** The query parameter or request field at fault, e.g. "period" or "filters[0]". */
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}
