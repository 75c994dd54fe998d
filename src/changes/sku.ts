// Item-code comparison as the eval contract defines it: case, spaces and dashes do not matter.
export const normaliseSku = (sku: string): string => sku.toUpperCase().replace(/[\s\-_.\/]+/g, '');

export const sameSku = (a: string | null | undefined, b: string | null | undefined): boolean =>
  a != null && b != null && normaliseSku(a) === normaliseSku(b);
