/** One page of a list read by keyset: the items and the cursors to go on from them. */
export interface Page<T> {
  items: T[];
  /** The position after the last item, null on the last page. */
  nextCursor: string | null;
  /** Lists that page backwards too: the position before the first item, null on the first page. */
  prevCursor?: string | null;
}
