/** The cursor parameters every list takes. */
export interface CursorParams {
  readonly starting_after?: string | undefined;
  readonly ending_before?: string | undefined;
}

/** One page as the API sends it. */
export interface ListBody<T> {
  readonly has_more: boolean;
  readonly data: T[];
}

export type PageFetcher<T, P> = (params: P) => Promise<ListBody<T>>;

/**
 * One page of a list: the API's `{ has_more, data }` (and nothing else when serialised), plus the
 * way to the next page in the direction of travel: `starting_after` the last item when walking
 * forward (the default), `ending_before` the first item when the list was started with `ending_before`.
 */
export class Page<T extends { readonly id: string }, P extends CursorParams> implements ListBody<T> {
  readonly has_more: boolean;
  readonly data: T[];
  readonly #params: P;
  readonly #fetchPage: PageFetcher<T, P>;

  constructor(body: ListBody<T>, params: P, fetchPage: PageFetcher<T, P>) {
    this.has_more = body.has_more;
    this.data = body.data;
    this.#params = params;
    this.#fetchPage = fetchPage;
  }

  /** True when the walk goes towards newer items (the list was started with `ending_before`). */
  get #backward(): boolean {
    return this.#params.ending_before !== undefined;
  }

  hasNextPage(): boolean {
    return this.has_more && this.data.length > 0;
  }

  /** The parameters of the next page in the direction of travel; undefined on the last page. */
  nextPageParams(): P | undefined {
    const edge = this.#backward ? this.data[0] : this.data[this.data.length - 1];
    if (!this.has_more || edge === undefined) return undefined;
    return this.#backward
      ? { ...this.#params, starting_after: undefined, ending_before: edge.id }
      : { ...this.#params, starting_after: edge.id, ending_before: undefined };
  }

  /** Fetches the next page; rejects when there is none (see {@link hasNextPage}). */
  async getNextPage(): Promise<Page<T, P>> {
    const params = this.nextPageParams();
    if (params === undefined) throw new RangeError('This is the last page: check hasNextPage() first');
    return new Page(await this.#fetchPage(params), params, this.#fetchPage);
  }

  /** The items in the order of the walk: as listed when going forward, reversed when going backward. */
  itemsInWalkOrder(): T[] {
    return this.#backward ? [...this.data].reverse() : [...this.data];
  }
}

/**
 * What `list()` returns: awaiting it gives the first page; `for await` over it gives every item
 * of every page; `pages()` walks page by page; `toArray({ max })` collects items. Nothing is
 * requested until one of these is used, and the first page is fetched once.
 */
export class PagePromise<T extends { readonly id: string }, P extends CursorParams>
  implements PromiseLike<Page<T, P>>, AsyncIterable<T>
{
  readonly #params: P;
  readonly #fetchPage: PageFetcher<T, P>;
  #firstPage: Promise<Page<T, P>> | undefined;

  constructor(params: P, fetchPage: PageFetcher<T, P>) {
    this.#params = params;
    this.#fetchPage = fetchPage;
  }

  #first(): Promise<Page<T, P>> {
    this.#firstPage ??= this.#fetchPage(this.#params).then(
      (body) => new Page(body, this.#params, this.#fetchPage),
    );
    return this.#firstPage;
  }

  then<TResult1 = Page<T, P>, TResult2 = never>(
    onfulfilled?: ((page: Page<T, P>) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult1 | TResult2> {
    return this.#first().then(onfulfilled, onrejected);
  }

  catch<TResult = never>(
    onrejected?: ((reason: unknown) => TResult | PromiseLike<TResult>) | null,
  ): Promise<Page<T, P> | TResult> {
    return this.#first().catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<Page<T, P>> {
    return this.#first().finally(onfinally);
  }

  /** Every page from the first, fetched one at a time as the loop asks for it. */
  async *pages(): AsyncGenerator<Page<T, P>, void, undefined> {
    let page = await this.#first();
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.itemsInWalkOrder();
  }

  /** At most `max` items, walking only as many pages as that needs. */
  async toArray({ max }: { readonly max: number }): Promise<T[]> {
    if (!Number.isInteger(max) || max < 1) throw new RangeError('toArray: max must be a positive integer');
    const items: T[] = [];
    for await (const item of this) {
      items.push(item);
      if (items.length >= max) break;
    }
    return items;
  }
}
