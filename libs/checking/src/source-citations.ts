/**
 * What source checking needs to know of the claims that cite sources.
 * Appearances (libs/claims) and evidence (libs/reviews) are the citations;
 * those libs depend on checking (they open and show quote checks), so
 * checking cannot ask them directly: it asks through this port, which a lib
 * above both implements and {@link CheckingModule.register} binds.
 */
export abstract class SourceCitations {
  /** The claims citing the source, through an appearance or as evidence, each once. */
  abstract claimsCiting(sourceId: string): Promise<string[]>;

  /** Those of the sources cited (through an appearance or as evidence) by a claim in one of `statuses`. */
  abstract citedByClaimsIn(sourceIds: readonly string[], statuses: readonly string[]): Promise<string[]>;
}
