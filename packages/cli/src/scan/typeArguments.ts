// The type arguments TypeScript lets stand between a called name and its `(`: `fetcher<Page>(url)`,
// `get<Response<User[]>>(path)`. The parser keeps them apart from the callee, but the project pass reads
// callers' text for calls of a helper's name, and there a call spelled with them is a call all the same.

/**
 * A regular-expression fragment for optional type arguments and the white space after them, nested two
 * levels deep (`<A<B<C>>>` is rarer than a comparison a looser pattern would take for one).
 * @example
 * new RegExp(`\\bfetcher\\s*${TYPE_ARGUMENTS}\\(`).test('await fetcher<Page<Item>>(url)') // true
 */
export const TYPE_ARGUMENTS = '(?:<[^()<>;]*(?:<[^()<>;]*(?:<[^()<>;]*>[^()<>;]*)*>[^()<>;]*)*>\\s*)?';
