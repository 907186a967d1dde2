const rules = new Intl.PluralRules("en-US");
const numbers = new Intl.NumberFormat("en-US");

/** "1 variant", "2 variants", "1,200 rows": the count with the noun in the form English uses for it. */
export function countOf(count: number, one: string, other = `${one}s`): string {
  return `${numbers.format(count)} ${rules.select(count) === "one" ? one : other}`;
}
